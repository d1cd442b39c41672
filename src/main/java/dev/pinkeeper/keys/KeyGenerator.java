package dev.pinkeeper.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/** Generates key pairs with the JDK's providers (RSA with public exponent 65537, EC on named curves). */
public final class KeyGenerator {
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyGenerator() {
    }

    /** A fresh key pair of this algorithm. */
    public static KeyPair generate(KeyAlgorithm algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.jcaName());
            switch (algorithm.family()) {
                case "RSA" -> generator.initialize(new RSAKeyGenParameterSpec(algorithm.bits(), RSAKeyGenParameterSpec.F4),
                        RANDOM);
                case "EC" -> generator.initialize(new ECGenParameterSpec(algorithm.curve()), RANDOM);
                default -> {
                    // Ed25519 takes no parameters
                }
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot generate " + algorithm.label() + " keys", e);
        }
    }
}
