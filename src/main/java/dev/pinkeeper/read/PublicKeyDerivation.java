package dev.pinkeeper.read;

import java.io.IOException;
import java.math.BigInteger;

import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X448PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/** Derives the SubjectPublicKeyInfo that belongs to a private key, as {@code openssl pkey -pubout} does. */
final class PublicKeyDerivation {
    private PublicKeyDerivation() {
    }

    /** The SPKI of a PKCS#8 private key. */
    static SubjectPublicKeyInfo fromPkcs8(PrivateKeyInfo info) throws IOException {
        AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
        if (algorithm.getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption)
                || algorithm.getAlgorithm().equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            RSAPrivateKey rsa = RSAPrivateKey.getInstance(info.parsePrivateKey());
            return rsaSpki(algorithm, rsa.getModulus(), rsa.getPublicExponent());
        }
        AsymmetricKeyParameter key = PrivateKeyFactory.createKey(info);
        AsymmetricKeyParameter publicKey;
        if (key instanceof ECPrivateKeyParameters ec) {
            ECDomainParameters domain = ec.getParameters();
            publicKey = new ECPublicKeyParameters(domain.getG().multiply(ec.getD()).normalize(), domain);
        } else if (key instanceof Ed25519PrivateKeyParameters ed) {
            publicKey = ed.generatePublicKey();
        } else if (key instanceof Ed448PrivateKeyParameters ed) {
            publicKey = ed.generatePublicKey();
        } else if (key instanceof X25519PrivateKeyParameters x) {
            publicKey = x.generatePublicKey();
        } else if (key instanceof X448PrivateKeyParameters x) {
            publicKey = x.generatePublicKey();
        } else {
            throw new IOException("unsupported private key algorithm " + algorithm.getAlgorithm().getId());
        }
        SubjectPublicKeyInfo derived = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey);
        if (key instanceof ECPrivateKeyParameters) {
            // keep the curve exactly as the private key names it (named OID or explicit parameters)
            return new SubjectPublicKeyInfo(algorithm, derived.getPublicKeyData().getBytes());
        }
        return derived;
    }

    /** The SPKI of a PKCS#1 "RSA PRIVATE KEY". */
    static SubjectPublicKeyInfo fromPkcs1(byte[] der) {
        RSAPrivateKey rsa = RSAPrivateKey.getInstance(ASN1Sequence.getInstance(der));
        return rsaSpki(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                rsa.getModulus(), rsa.getPublicExponent());
    }

    /** The SPKI of a SEC 1 "EC PRIVATE KEY". */
    static SubjectPublicKeyInfo fromSec1(byte[] der) throws IOException {
        ECPrivateKey sec1 = ECPrivateKey.getInstance(ASN1Sequence.getInstance(der));
        if (sec1.getParametersObject() == null) {
            throw new IOException("EC private key without curve parameters");
        }
        AlgorithmIdentifier algorithm =
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, sec1.getParametersObject());
        return fromPkcs8(new PrivateKeyInfo(algorithm, sec1));
    }

    /** The SPKI of a PKCS#1 "RSA PUBLIC KEY". */
    static SubjectPublicKeyInfo fromPkcs1Public(byte[] der) {
        RSAPublicKey rsa = RSAPublicKey.getInstance(ASN1Sequence.getInstance(der));
        return rsaSpki(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                rsa.getModulus(), rsa.getPublicExponent());
    }

    private static SubjectPublicKeyInfo rsaSpki(AlgorithmIdentifier algorithm, BigInteger modulus, BigInteger exponent) {
        try {
            return new SubjectPublicKeyInfo(algorithm, new RSAPublicKey(modulus, exponent));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an RSA public key", e);
        }
    }
}
