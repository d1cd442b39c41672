package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.rehearse.FreePorts;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.Pebble;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A site issued by a real pebble and deployed with no server ({@code --target none}), on a simulated clock: what
 * the operating tests (logging, notification, hooks) run renew on. {@link #forgetCertificates} makes it due at
 * once; {@link #stopCa} makes that renewal fail.
 */
final class IssuedSite implements AutoCloseable {
    final Path state;
    private LocalPebble pebble;
    private final Path root;
    private final Path webroot;

    private IssuedSite(LocalPebble pebble, Path state, Path root, Path webroot) {
        this.pebble = pebble;
        this.state = state;
        this.root = root;
        this.webroot = webroot;
    }

    /** Starts pebble in {@code dir}, makes {@code site} for {@code domains} and issues its certificate. */
    static IssuedSite start(Path dir, String site, String... domains) throws IOException {
        LocalPebble pebble = LocalPebble.start(dir.resolve("pebble"), null, FreePorts.next());
        IssuedSite issued = new IssuedSite(pebble, dir.resolve("state"), pebble.writeRoot(dir.resolve("root.pem")),
                dir.resolve("www"));
        List<String> init = new ArrayList<>(List.of("keys", "init", "--site", site, "--simulated-clock", "--current",
                "ec:p256", "--backup", "rsa:2048,ec:p256"));
        for (String domain : domains) {
            init.addAll(List.of("--domain", domain));
        }
        Cli.Result made = issued.cli(init.toArray(String[]::new));
        assertThat(made.code()).as(made.err()).isZero();
        Cli.Result first = issued.issue(site, "--target", "none");
        assertThat(first.code()).as(first.out() + first.err()).isZero();
        issued.site = site;
        issued.firstIssue = first;
        return issued;
    }

    private String site;
    /** What the first {@code issue} printed. */
    Cli.Result firstIssue;

    /** {@code issue --site SITE} with pebble's options and {@code more}. */
    Cli.Result issue(String name, String... more) {
        List<String> args = new ArrayList<>(List.of("issue", "--site", name));
        args.addAll(List.of(more));
        args.addAll(Pebble.issueOptions(pebble, root, webroot));
        return cli(args.toArray(String[]::new));
    }

    /** Runs a command on this state folder. */
    Cli.Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--state=" + state);
        return Cli.run(all.toArray(String[]::new));
    }

    /** Deletes the site's certificates: each current key then needs one, at once. */
    void forgetCertificates() throws IOException {
        try (Stream<Path> certs = Files.list(state.resolve("sites").resolve(site).resolve("certs"))) {
            for (Path cert : certs.toList()) {
                Files.delete(cert);
            }
        }
    }

    /** Stops pebble: an order fails from now on. */
    void stopCa() {
        if (pebble != null) {
            pebble.close();
            pebble = null;
        }
    }

    @Override
    public void close() {
        stopCa();
    }
}
