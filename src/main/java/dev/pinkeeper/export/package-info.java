/**
 * The pin set in the forms that still enforce pins today: OkHttp's CertificatePinner, Android's
 * network security configuration, TrustKit, and curl's {@code --pinnedpubkey}.
 */
package dev.pinkeeper.export;
