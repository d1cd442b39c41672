import java.security.Provider;
import java.security.Security;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Times one PBKDF2-HMAC-SHA256 derivation with 600,000 iterations (the offline backup's KDF) in the
 * JDK's provider and in BouncyCastle's, after a warm-up. Run from the project root:
 * <pre>java -cp ~/.m2/repository/org/bouncycastle/bcprov-jdk18on/1.83/bcprov-jdk18on-1.83.jar bench/keys/Pbkdf2Bench.java</pre>
 */
public class Pbkdf2Bench {
    public static void main(String[] args) throws Exception {
        Provider[] providers = {Security.getProvider("SunJCE"), new org.bouncycastle.jce.provider.BouncyCastleProvider()};
        for (int round = 0; round < 3; round++) {
            for (Provider provider : providers) {
                SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256", provider);
                long start = System.nanoTime();
                factory.generateSecret(new PBEKeySpec("correct horse battery staple".toCharArray(), new byte[16],
                        600_000, 256)).getEncoded();
                if (round > 0) {
                    System.out.printf("%-8s %5d ms%n", provider.getName(), (System.nanoTime() - start) / 1_000_000);
                }
            }
        }
    }
}
