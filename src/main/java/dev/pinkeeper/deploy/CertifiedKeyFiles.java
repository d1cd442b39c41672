package dev.pinkeeper.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import dev.pinkeeper.files.KeyPairFiles;

/**
 * Reads a certificate chain and its key from PEM files written by another ACME client, e.g. a
 * certbot lineage ({@code $RENEWED_LINEAGE} in a {@code --deploy-hook}), to deploy them as a release.
 */
public final class CertifiedKeyFiles {
    private CertifiedKeyFiles() {
    }

    /**
     * The chain in {@code fullchain} (leaf first) and the private key in {@code privkey}.
     *
     * @throws IOException naming the file when it is unreadable or the key is not the leaf's
     */
    public static CertifiedKey read(Path fullchain, Path privkey) throws IOException {
        return read(fullchain, KeyPairFiles.read(privkey), privkey.toString());
    }

    /**
     * The chain in {@code fullchain} (leaf first) for a key already read (e.g. from the key inventory).
     *
     * @param keyName what to call the key in error messages
     * @throws IOException naming the file when it is unreadable or the key is not the leaf's
     */
    public static CertifiedKey read(Path fullchain, KeyPair key, String keyName) throws IOException {
        List<X509Certificate> chain = Release.readCertificates(fullchain);
        PublicKey certified = chain.get(0).getPublicKey();
        if (!Arrays.equals(certified.getEncoded(), key.getPublic().getEncoded())) {
            throw new IOException(keyName + " is not the key of the first certificate in " + fullchain);
        }
        return new CertifiedKey(chain, key.getPrivate());
    }

    /** A certbot lineage directory: {@code fullchain.pem} and {@code privkey.pem}. */
    public static CertifiedKey readCertbotLineage(Path lineage) throws IOException {
        return read(lineage.resolve("fullchain.pem"), lineage.resolve("privkey.pem"));
    }
}
