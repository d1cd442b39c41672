package dev.pinkeeper.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.TestPki;
import dev.pinkeeper.testing.TestPki.Cert;

/**
 * What the {@code pinkeeper verify} tests against a live server on 127.0.0.1 share: a chain for
 * {@value #HOST} (root, intermediate, leaf), a backup pin, the root written as the trust file, the
 * {@code Public-Key-Pins} values such a server sends and the verify command line that reaches it.
 */
record VerifySite(Cert root, Cert intermediate, Cert leaf, String backup, Path trust) {
    static final String HOST = "site.test";

    /** Issues the chain ({@code "NAME Root"}, {@code "NAME CA"}) and writes the root to {@code dir/root.pem}. */
    static VerifySite issue(Path dir, String name) {
        Cert root = TestPki.root(name + " Root");
        Cert intermediate = TestPki.intermediate(name + " CA", root);
        Cert leaf = TestPki.leaf(intermediate, HOST);
        String backup = TestPki.builder("backup").issue().pin().base64();
        return new VerifySite(root, intermediate, leaf, backup, TestPki.writePem(dir.resolve("root.pem"), root));
    }

    /** A {@code Public-Key-Pins} value: {@code pin-sha256} of each pin, {@code max-age}, a report-uri. */
    static String pkpHeader(long maxAge, String... pins) {
        StringBuilder value = new StringBuilder();
        for (String pin : pins) {
            value.append("pin-sha256=\"").append(pin).append("\"; ");
        }
        return value.append("max-age=").append(maxAge).append("; report-uri=\"https://reports.example.test/\"")
                .toString();
    }

    /** The {@code Public-Key-Pins} value that pins the leaf and the backup. */
    String pkpHeader(long maxAge) {
        return pkpHeader(maxAge, leaf.pin().base64(), backup);
    }

    /** {@code https://site.test:PORT/}. */
    static String url(int port) {
        return "https://" + HOST + ":" + port + "/";
    }

    /** Runs {@code pinkeeper verify https://site.test:PORT/ --connect-to 127.0.0.1 --trust root.pem MORE...}. */
    Cli.Result verify(int port, String... more) {
        List<String> args = new ArrayList<>(List.of("verify", url(port), "--connect-to", "127.0.0.1",
                "--trust", trust.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }
}
