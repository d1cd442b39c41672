package dev.pinkeeper.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.pinkeeper.testing.Processes;

/**
 * The {@code openssl} command line as the tests' independent reference: makes keys, certificates
 * and CSRs in one directory, and computes the pins that pinkeeper must agree with, always with
 * openssl's own pipeline ({@code … | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64}).
 */
public final class OpenSsl {
    /** The passphrase of the encrypted keys this helper writes. */
    public static final String PASSPHRASE = "correct horse battery staple";

    private final Path dir;

    public OpenSsl(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** A file in the working directory holding {@link #PASSPHRASE}. */
    public Path passphraseFile() {
        Path file = dir.resolve("passphrase.txt");
        if (!Files.exists(file)) {
            write(file, (PASSPHRASE + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    /**
     * A new PKCS#8 PEM private key: {@code rsa:BITS}, {@code ec:CURVE} (e.g. {@code ec:P-256}) or
     * {@code ed25519}.
     */
    public Path key(String name, String algorithm) {
        Path out = dir.resolve(name);
        String[] parts = algorithm.split(":");
        switch (parts[0]) {
            case "rsa" -> openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:" + parts[1],
                    "-out", out.toString());
            case "ec" -> openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + parts[1],
                    "-pkeyopt", "ec_param_enc:named_curve", "-out", out.toString());
            case "ed25519" -> openssl("genpkey", "-algorithm", "ed25519", "-out", out.toString());
            default -> throw new IllegalArgumentException(algorithm);
        }
        return out;
    }

    /** A self-signed PEM certificate for {@code key}, valid for a day from now. */
    public Path selfSigned(Path key, String name, String subject) {
        Path out = dir.resolve(name);
        openssl("req", "-x509", "-utf8", "-key", key.toString(), "-subj", subject, "-days", "1", "-out", out.toString());
        return out;
    }

    /** A PEM certificate request for {@code key}. */
    public Path csr(Path key, String name, String subject) {
        Path out = dir.resolve(name);
        openssl("req", "-new", "-utf8", "-key", key.toString(), "-subj", subject, "-out", out.toString());
        return out;
    }

    /** Runs {@code openssl ARGS} in the working directory and returns its standard output. */
    public byte[] openssl(String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        return run(command);
    }

    /** Runs a bash script in the working directory and returns its standard output. */
    public byte[] sh(String script) {
        return run(List.of("bash", "-o", "pipefail", "-c", script));
    }

    /** Writes {@code openssl ARGS} output to a file in the working directory. */
    public Path toFile(String name, String... args) {
        Path out = dir.resolve(name);
        write(out, openssl(args));
        return out;
    }

    /** The pin of a PEM certificate, by {@code openssl x509 -pubkey | openssl pkey -pubin …}. */
    public String pinOfCertificate(Path pem) {
        return pin("openssl x509 -in " + q(pem) + " -pubkey -noout | openssl pkey -pubin -outform der");
    }

    /** The pin of a PEM private key ({@code passin} for encrypted ones), by {@code openssl pkey -pubout}. */
    public String pinOfPrivateKey(Path pem) {
        return pin("openssl pkey -in " + q(pem) + " -passin file:" + q(passphraseFile()) + " -pubout -outform der");
    }

    /** The pin of a PEM SubjectPublicKeyInfo. */
    public String pinOfPublicKey(Path pem) {
        return pin("openssl pkey -pubin -in " + q(pem) + " -outform der");
    }

    /** The pin of a PEM certificate request, by {@code openssl req -pubkey}. */
    public String pinOfCsr(Path pem) {
        return pin("openssl req -in " + q(pem) + " -pubkey -noout | openssl pkey -pubin -outform der");
    }

    /** The subject of a PEM certificate as {@code openssl x509 -nameopt RFC2253,-esc_msb} prints it (UTF-8 unescaped). */
    public String subjectOfCertificate(Path pem) {
        String line = new String(openssl("x509", "-in", pem.toString(), "-noout", "-subject", "-nameopt", "RFC2253,-esc_msb"),
                StandardCharsets.UTF_8).strip();
        assertThat(line).startsWith("subject=");
        return line.substring("subject=".length());
    }

    private String pin(String spkiDerCommand) {
        return new String(sh(spkiDerCommand + " | openssl dgst -sha256 -binary | base64"), StandardCharsets.US_ASCII)
                .strip();
    }

    private static String q(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }

    private byte[] run(List<String> command) {
        Processes.Run run = Processes.run(dir, command, null, Duration.ofSeconds(60));
        if (run.code() != 0) {
            throw new AssertionError(command + " failed (" + run.code() + "): " + run.err());
        }
        return run.out();
    }

    public static void write(Path file, byte[] content) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
