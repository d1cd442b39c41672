/**
 * ACME issuance (RFC 8555) over acme4j for keys pinkeeper already holds: {@link dev.pinkeeper.acme.Issuer}
 * orders a certificate for a given key pair and domains, answering the challenges with a
 * {@link dev.pinkeeper.acme.ChallengeSolver} (http-01 webroot or standalone listener, dns-01 hook),
 * and tells when a certificate is due for renewal ({@link dev.pinkeeper.acme.RenewalWindow}, with
 * ACME Renewal Information where the CA offers it).
 */
package dev.pinkeeper.acme;
