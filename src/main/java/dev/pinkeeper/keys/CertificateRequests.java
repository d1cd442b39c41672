package dev.pinkeeper.keys;

import java.io.IOException;
import java.security.KeyPair;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * PKCS#10 certificate signing requests for a site's key: subject CN = the first domain, a
 * subjectAltName extension request with every domain as a dNSName (what ACME CAs read).
 */
public final class CertificateRequests {
    private CertificateRequests() {
    }

    /** The DER CSR for these domains, signed by the key. */
    public static byte[] create(List<String> domains, KeyPair key, KeyAlgorithm algorithm) throws InventoryException {
        return create(domains, key, algorithm.signatureAlgorithm());
    }

    /**
     * The DER CSR for these domains, signed by the key with SHA-256 (RSA or ECDSA by the key's
     * type, or Ed25519): what an ACME client sends, and what another client can be given
     * ({@code certbot certonly --csr FILE}, {@code lego --csr}, {@code acme.sh --sign-csr}) so that
     * it certifies the pinned key.
     */
    public static byte[] create(List<String> domains, KeyPair key) throws InventoryException {
        String signature = switch (key.getPublic().getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new InventoryException("cannot sign a CSR with a " + key.getPublic().getAlgorithm() + " key");
        };
        return create(domains, key, signature);
    }

    private static byte[] create(List<String> domains, KeyPair key, String signatureAlgorithm) throws InventoryException {
        if (domains.isEmpty()) {
            throw new InventoryException("a CSR needs at least one domain");
        }
        try {
            X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
            if (domains.get(0).length() <= 64) {
                name.addRDN(BCStyle.CN, domains.get(0)); // X.520 ub-common-name; longer names live in the SANs only
            }
            X500Name subject = name.build();
            GeneralName[] names = domains.stream().map(d -> new GeneralName(GeneralName.dNSName, d))
                    .toArray(GeneralName[]::new);
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm).build(key.getPrivate());
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(signer);
            return request.getEncoded();
        } catch (IOException | OperatorCreationException | IllegalArgumentException e) {
            throw new InventoryException("cannot build the CSR: " + e.getMessage(), e);
        }
    }

    /** The CSR as PEM ({@code CERTIFICATE REQUEST}). */
    public static String pem(byte[] der) throws IOException {
        return new String(PrivateKeyFile.pem("CERTIFICATE REQUEST", der), java.nio.charset.StandardCharsets.US_ASCII);
    }
}
