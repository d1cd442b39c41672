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
        if (domains.isEmpty()) {
            throw new InventoryException("a CSR needs at least one domain");
        }
        try {
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, domains.get(0)).build();
            GeneralName[] names = domains.stream().map(d -> new GeneralName(GeneralName.dNSName, d))
                    .toArray(GeneralName[]::new);
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            ContentSigner signer = new JcaContentSignerBuilder(algorithm.signatureAlgorithm()).build(key.getPrivate());
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
