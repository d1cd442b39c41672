package dev.pinkeeper.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pinkeeper.testing.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Debian package, built by scripts/package.sh from the jar {@code mvn package} just made (so this runs
 * in the integration-test phase), installed on this machine with dpkg, used, and purged. Linux and root only
 * (dpkg installs into /usr). It never replaces or purges a pinkeeper the machine had before (a package, or a
 * tarball's files): then it is skipped, saying why ({@link ScratchMachine}); a package an interrupted run of
 * this test left installed (its marker file still there) it purges.
 */
class PackageIT {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path STATE = Path.of("/var/lib/pinkeeper");
    private static final List<String> UNITS = List.of("pinkeeper-renew.service", "pinkeeper-renew.timer",
            "pinkeeper-collector.service");

    @Test
    void installsRunsAndPurgesKeepingTheState() throws IOException {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "the Debian package installs on Linux only");
        assumeTrue("root".equals(System.getProperty("user.name")), "installing a package with dpkg needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg")), "not a Debian system (no dpkg)");
        ScratchMachine machine = machine();
        Optional<String> refusal = machine.refusal();
        assumeTrue(refusal.isEmpty(), () -> "PackageIT skipped: " + refusal.orElseThrow());
        purgeIfInstalled(machine); // left by an interrupted run (its marker says so)
        boolean stateExisted = Files.exists(STATE);
        boolean groupExisted = sh("getent group pinkeeper-plans").code() == 0;

        Processes.Output built = run(Duration.ofMinutes(3), ROOT.resolve("scripts/package.sh").toString(), "--prebuilt");
        assertThat(built.code()).as(built.err()).isZero();
        Path deb;
        try (Stream<Path> dist = Files.list(ROOT.resolve("target/dist"))) {
            deb = dist.filter(f -> f.getFileName().toString().endsWith("_all.deb")).findFirst().orElseThrow();
        }
        String version = deb.getFileName().toString().replaceAll("^pinkeeper_(.*)_all\\.deb$", "$1");
        try {
            machine.mark();
            assertThat(dpkg("-i", deb.toString()).code()).isZero();

            Processes.Output versionRun = sh("pinkeeper --version");
            assertThat(versionRun.out().strip()).isEqualTo("pinkeeper " + version);
            assertThat(sh("command -v pinkeeper").out().strip()).isEqualTo("/usr/bin/pinkeeper");
            assertThat(Files.readString(Path.of("/usr/bin/pinkeeper"))).doesNotContain("mvn");
            // the class-data sharing archive postinst wrote for this JVM really maps
            assertThat(Path.of("/var/cache/pinkeeper/pinkeeper.jsa")).isNotEmptyFile();
            // (a static archive dumped from the class list of a renew run: it replaces the JDK's default archive)
            assertThat(sh("PINKEEPER_JAVA_OPTS='-Xlog:cds=info' pinkeeper --version").out())
                    .contains("Opened archive /var/cache/pinkeeper/pinkeeper.jsa")
                    .containsPattern("Mapped static +region #0");
            assertThat(Files.isDirectory(STATE)).isTrue();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(STATE))).isEqualTo("rwx------");
            // the plans the collector reads: published by postinst in the setgid folder of its group, readable
            // by that group alone
            assertThat(sh("stat -c '%a %U %G' /var/lib/pinkeeper-plans /var/lib/pinkeeper-plans/plans.json").out())
                    .isEqualTo("2750 root pinkeeper-plans\n640 root pinkeeper-plans\n");
            Processes.Output plans = sh("runuser -u nobody -G pinkeeper-plans -- cat /var/lib/pinkeeper-plans/plans.json");
            assertThat(plans.out()).as(plans.err()).contains("\"sites\"");
            assertThat(sh("runuser -u nobody -- cat /var/lib/pinkeeper-plans/plans.json").code()).isNotZero();

            // the installed command's rehearsal, from a folder without the checkout
            Processes.Output rehearsal = run(Duration.ofMinutes(2), "bash", "-c", "cd / && pinkeeper rehearse");
            assertThat(rehearsal.code()).as(rehearsal.out() + rehearsal.err()).isZero();
            assertThat(rehearsal.out()).contains("verdict: PASS");

            // a machine without pebble, nginx and curl (hidden here): a user is told the one command to run ...
            String hidden = "env PINKEEPER_JAVA_OPTS=-Dpinkeeper.path=/nonexistent pinkeeper rehearse";
            Processes.Output asUser = sh("cd / && runuser -u nobody -- " + hidden);
            assertThat(asUser.code()).isEqualTo(2);
            assertThat(asUser.err().strip()).isEqualTo("pinkeeper: rehearse needs the Debian packages pebble nginx curl"
                    + " (not installed): run sudo /usr/share/pinkeeper/install-deps.sh pebble nginx curl");
            // ... and root's rehearse runs the install script, saying what it installs (here it finds them
            // installed already, so they stay hidden and it stops)
            Processes.Output asRoot = sh("cd / && " + hidden);
            assertThat(asRoot.code()).isEqualTo(2);
            assertThat(asRoot.err()).contains("pinkeeper rehearse: installing the Debian packages pebble nginx curl"
                    + " (/usr/share/pinkeeper/install-deps.sh pebble nginx curl; their services are not started)")
                    .contains("still missing: pebble nginx curl");

            assertThat(sh("man -w pinkeeper").out().strip()).isEqualTo("/usr/share/man/man1/pinkeeper.1.gz");
            assertThat(sh("man -w pinkeeper-keys-init").out().strip())
                    .isEqualTo("/usr/share/man/man1/pinkeeper-keys-init.1.gz");
            assertThat(sh("man -P cat pinkeeper-keys-init 2>/dev/null").out()).contains("--domain=NAME");

            assertThat(sh("source /usr/share/bash-completion/completions/pinkeeper && complete -p pinkeeper").out())
                    .contains("-F _complete_pinkeeper pinkeeper");
            // and it completes: "pinkeeper ke<TAB>" offers keys
            assertThat(sh("source /usr/share/bash-completion/completions/pinkeeper && COMP_WORDS=(pinkeeper ke)"
                    + " && COMP_CWORD=1 && COMP_LINE='pinkeeper ke' && _complete_pinkeeper && echo \"${COMPREPLY[@]}\"")
                    .out()).contains("keys");
            assertThat(Path.of("/usr/share/zsh/vendor-completions/_pinkeeper")).content().startsWith("#compdef pinkeeper");
            // an interactive zsh (on a pseudo-terminal) finds it in its vendor folder: "pinkeeper ke<TAB>" -> keys
            Path zsh = Files.writeString(Files.createTempFile("completion", ".zsh"), String.join("\n",
                    "zmodload zsh/zpty", "zpty -b z 'zsh -f -i'",
                    "zpty -w z 'PS1=\"> \"; autoload -U compinit; compinit -u'",
                    "zpty -n -w z $'pinkeeper ke\\t'",
                    "zpty -r -m z out '*pinkeeper keys*' && print completed", "zpty -d z", ""));
            try {
                assertThat(sh("timeout 30 zsh -f " + zsh).out()).contains("completed");
            } finally {
                Files.delete(zsh);
            }

            for (String unit : Stream.concat(UNITS.stream(), Stream.of("pinkeeper-notify@.service")).toList()) {
                String text = Files.readString(Path.of("/lib/systemd/system", unit), StandardCharsets.UTF_8);
                text.lines().filter(line -> line.startsWith("ExecStart=")).forEach(line ->
                        assertThat(line).as(unit).startsWith("ExecStart=/usr/bin/pinkeeper "));
            }
            assertThat(Path.of("/lib/systemd/system/pinkeeper-renew.service")).content()
                    .contains("\nOnFailure=pinkeeper-notify@%n.service\n");
            if (Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) {
                // checks the syntax, the sandbox settings and that every ExecStart= program exists
                Processes.Output verify = sh("systemd-analyze verify "
                        + String.join(" ", UNITS.stream().map(u -> "/lib/systemd/system/" + u).toList()));
                assertThat(verify.code()).as(verify.err()).isZero();
            }

            // the settings file: a conffile, every line commented out, read by the installed command (tomlj on
            // its class path): notify finds no command in it
            assertThat(sh("dpkg-query -W -f='${Conffiles}' pinkeeper").out()).contains("/etc/pinkeeper/pinkeeper.toml");
            assertThat(Path.of("/etc/pinkeeper/pinkeeper.toml")).content().contains("# notify-command = ");
            Processes.Output notify = sh("pinkeeper notify --test");
            assertThat(notify.code()).as(notify.err()).isEqualTo(2);
            assertThat(notify.err()).contains("no notify command");
            assertThat(Path.of("/etc/pinkeeper/hooks/deploy")).isDirectory();

            Path marker = STATE.resolve("package-test-marker");
            Files.writeString(marker, "a site's keys would be here");
            assertThat(dpkg("--purge", "pinkeeper").code()).isZero();
            assertThat(Path.of("/usr/bin/pinkeeper")).doesNotExist();
            assertThat(Path.of("/usr/share/pinkeeper")).doesNotExist();
            assertThat(Path.of("/var/cache/pinkeeper")).doesNotExist();
            assertThat(Path.of("/var/lib/pinkeeper-plans")).as("derived from the state: purged").doesNotExist();
            assertThat(marker).as("purge keeps the state folder").hasContent("a site's keys would be here");
            assertThat(Path.of("/etc/pinkeeper/pinkeeper.toml")).as("purge removes the conffile").doesNotExist();
            Files.delete(marker);
        } finally {
            purgeIfInstalled(machine());
            if (!groupExisted) { // postinst made it; purge keeps system groups, as Debian's packages do
                sh("groupdel pinkeeper-plans 2>/dev/null");
            }
            if (!stateExisted) {
                Files.deleteIfExists(STATE.resolve("package-test-marker"));
                Files.deleteIfExists(STATE);
            }
        }

        // the tarball has the same tree
        Path tarball = ROOT.resolve("target/dist/pinkeeper-" + version + ".tar.gz");
        assertThat(sh("tar -tzf '" + tarball + "'").out()).contains("usr/bin/pinkeeper",
                "usr/share/pinkeeper/pinkeeper.jar", "usr/share/man/man1/pinkeeper-keys-init.1.gz",
                "lib/systemd/system/pinkeeper-renew.timer", "etc/pinkeeper/pinkeeper.toml");
    }

    /** This machine: its root and what dpkg says of the pinkeeper package. */
    private static ScratchMachine machine() {
        String status = sh("dpkg-query -W -f='${Status}' pinkeeper 2>/dev/null").out().strip();
        return new ScratchMachine(Path.of("/"), status.isEmpty() ? Optional.empty() : Optional.of(status));
    }

    /** Purges the package if this test installed it (its marker is there), then removes the marker. */
    private static void purgeIfInstalled(ScratchMachine machine) throws IOException {
        if (!Files.exists(machine.marker())) {
            return;
        }
        if (machine.packageInstalled()) {
            Processes.Output purge = dpkg("--purge", "pinkeeper");
            assertThat(purge.code()).as(purge.err()).isZero();
        }
        machine.unmark();
    }

    /** dpkg, waiting while another package manager holds its lock. */
    private static Processes.Output dpkg(String... args) {
        Processes.Output result = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            result = run(Duration.ofMinutes(2), Stream.concat(Stream.of("dpkg"), Stream.of(args)).toArray(String[]::new));
            if (result.code() == 0 || !result.err().contains("lock")) {
                break;
            }
            sleep();
        }
        return result;
    }

    private static Processes.Output sh(String command) {
        return run(Duration.ofMinutes(1), "bash", "-c", command);
    }

    private static Processes.Output run(Duration timeout, String... command) {
        Processes.Run run = Processes.run(ROOT, List.of(command), null, timeout);
        return new Processes.Output(run.code(), new String(run.out(), StandardCharsets.UTF_8), run.err());
    }

    private static void sleep() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
