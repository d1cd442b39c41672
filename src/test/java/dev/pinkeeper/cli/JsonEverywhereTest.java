package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.PinkeeperProcess;
import picocli.CommandLine;

/**
 * {@code --json} on every command of the picocli tree, errors included: each prints exactly one JSON
 * document on stdout (an error as {@code {"error":{"kind","message","remedy","allowedFrom"}}} with its one
 * line on stderr and the exit code of its kind), and a success where one is cheap to reach.
 */
class JsonEverywhereTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PIN_A = pin(1);
    private static final String PIN_B = pin(2);

    @Test
    void everyCommandTakesJson() {
        List<String> without = new ArrayList<>();
        for (CommandLine leaf : leaves()) {
            if (leaf.getCommandSpec().findOption("--json") == null) {
                without.add(leaf.getCommandSpec().qualifiedName());
            }
        }
        assertThat(leaves()).hasSizeGreaterThan(25);
        assertThat(without).isEmpty();
    }

    @Test
    void aCommandLineThatDoesNotParseIsOneJsonErrorOnEveryCommand() {
        for (CommandLine leaf : leaves()) {
            List<String> args = new ArrayList<>(path(leaf));
            args.add("--json");
            args.add("--no-such-option");
            Cli.Result run = Cli.run(args.toArray(String[]::new));
            String what = String.join(" ", args) + ": " + run.out() + run.err();
            assertThat(run.code()).as(what).isEqualTo(2);
            assertThat(run.errLines()).as(what).hasSize(1);
            JsonNode error = oneDocument(run.out(), what).get("error");
            assertThat(error.get("kind").asText()).as(what).isEqualTo("usage");
            assertThat(error.get("message").asText()).as(what).isNotBlank();
            assertThat(error.get("remedy").asText()).as(what).contains("--help");
            assertThat(run.errLines()[0]).as(what).startsWith("pinkeeper: ").contains(error.get("message").asText());
        }
    }

    @Test
    void everyCommandPrintsOneJsonDocumentOnSuccessOrFailure(@TempDir Path temp) throws IOException {
        Path state = temp.resolve("state");
        Cli.initSite(state, "web", "web.example");
        Path pass = temp.resolve("pass.txt");
        Files.writeString(pass, "correct horse battery staple\n");
        String value = "max-age=60; pin-sha256=\"" + PIN_A + "\"; pin-sha256=\"" + PIN_B + "\"";
        String st = "--state=" + state;

        Map<String, Run> runs = new LinkedHashMap<>();
        Cli.Result csr = Cli.run("keys", "csr", "--site", "web", "--json", st);
        runs.put("pinkeeper keys csr", new Run(csr, 0));
        // pin writes to file descriptor 1 itself (fast for big inputs): run as a process
        Path csrFile = Files.writeString(temp.resolve("web.csr"), oneDocument(csr.out(), "csr").get("csr").asText());
        PinkeeperProcess.Result pinned = PinkeeperProcess.run(temp, "pin", "--json", csrFile.toString());
        runs.put("pinkeeper pin", new Run(new Cli.Result(pinned.exitCode(), pinned.stdout(), pinned.stderr()), 0));
        runs.put("pinkeeper header parse", new Run(Cli.run("header", "parse", "--json", value), 0));
        runs.put("pinkeeper header build", new Run(Cli.run("header", "build", "--json", "--pin", PIN_A, "--pin", PIN_B,
                "--max-age", "60"), 0));
        runs.put("pinkeeper header haproxy", new Run(Cli.run("header", "haproxy", "--site", "nosuch", "--json", st), 2));
        runs.put("pinkeeper validate", new Run(Cli.run("validate", "--json", "--chain", temp.resolve("none.pem").toString(),
                "--pins", PIN_A + "," + PIN_B), 2));
        runs.put("pinkeeper analyse", new Run(Cli.run("analyse", "--json", "--header", value, "--chain",
                temp.resolve("none.pem").toString()), 2));
        runs.put("pinkeeper export", new Run(Cli.run("export", "curl", "--json", "--host", "web.example", "--pin", PIN_A,
                "--pin", PIN_B), 0));
        runs.put("pinkeeper simulate", new Run(Cli.run("simulate", "--json", "builtin:proper-90-day-rollover"), 0));
        runs.put("pinkeeper keys init", new Run(Cli.run("keys", "init", "--site", "other", "--domain", "other.example",
                "--current", "ec:p256", "--backup", "ec:p256,ec:p384", "--json", st), 0));
        runs.put("pinkeeper keys list", new Run(Cli.run("keys", "list", "--json", st), 0));
        runs.put("pinkeeper keys add-current", new Run(Cli.run("keys", "add-current", "--site", "nosuch", "--json", st), 2));
        Cli.Result export = Cli.run("keys", "backup", "export", "--site", "web", "--key", "backup-1", "--out",
                temp.resolve("out").toString(), "--passphrase-file", pass.toString(), "--json", st);
        runs.put("pinkeeper keys backup export", new Run(export, 0));
        runs.put("pinkeeper keys backup restore", new Run(Cli.run("keys", "backup", "restore", "--site", "web", "--file",
                oneDocument(export.out(), "export").get("encryptedKey").asText(), "--passphrase-file", pass.toString(),
                "--json", st), 0));
        runs.put("pinkeeper keys prune", new Run(Cli.run("keys", "prune", "--site", "web", "--retired-before", "2020-01-01",
                "--json", st), 0));
        runs.put("pinkeeper plan init", new Run(Cli.run("plan", "init", "--site", "web", "--json", st), 0));
        runs.put("pinkeeper plan show", new Run(Cli.run("plan", "show", "--site", "web", "--json", st), 0));
        runs.put("pinkeeper plan advance", new Run(Cli.run("plan", "advance", "--site", "web", "--json", st), 0));
        runs.put("pinkeeper plan ramp", new Run(Cli.run("plan", "ramp", "--site", "web", "--json", st), 1));
        runs.put("pinkeeper plan rollover", new Run(Cli.run("plan", "rollover", "--site", "web", "--json", st), 0));
        runs.put("pinkeeper plan history", new Run(Cli.run("plan", "history", "--site", "web", "--json", st), 0));
        runs.put("pinkeeper plan emergency", new Run(Cli.run("plan", "emergency", "--site", "web", "--backup", "backup-1",
                "--json", st), 0));
        runs.put("pinkeeper plan set", new Run(Cli.run("plan", "set", "--site", "web", "--ramp", "x", "--json", st), 2));
        runs.put("pinkeeper plan retire", new Run(Cli.run("plan", "retire", "--site", "nosuch", "--json", st), 2));
        runs.put("pinkeeper revoke", new Run(Cli.run("revoke", "--site", "nosuch", "--key", "current", "--json", st), 2));
        Path archive = temp.resolve("web.site");
        runs.put("pinkeeper site export", new Run(Cli.run("site", "export", "--site", "web", "--out", archive.toString(),
                "--passphrase-file", pass.toString(), "--json", st), 0));
        runs.put("pinkeeper site import", new Run(Cli.run("site", "import", "--file", archive.toString(),
                "--passphrase-file", pass.toString(), "--dry-run", "--json", "--state=" + temp.resolve("fresh")), null));
        for (String action : new String[] {"contact", "deactivate", "rollover"}) {
            runs.put("pinkeeper account " + action, new Run(Cli.run("account", action, "--site", "nosuch", "--ca",
                    "primary", "--json", st), null));
        }
        runs.put("pinkeeper notify", new Run(Cli.run("notify", "--test", "--json", st), null));
        runs.put("pinkeeper site recover", new Run(Cli.run("site", "recover", "--site", "nosuch", "--json", st), null));
        runs.put("pinkeeper status", new Run(Cli.run("status", "--no-probe", "--json", st), null));
        runs.put("pinkeeper issue", new Run(Cli.run("issue", "--site", "nosuch", "--json", st), 2));
        runs.put("pinkeeper deploy", new Run(Cli.run("deploy", "--site", "web", "--target", "none", "--json", st), 2));
        runs.put("pinkeeper releases prune", new Run(Cli.run("releases", "prune", "--site", "web", "--keep", "1", "--json",
                st), 0));
        runs.put("pinkeeper renew", new Run(Cli.run("renew", "--site", "web", "--json", st), 0));
        runs.put("pinkeeper verify", new Run(Cli.run("verify", "--site", "nosuch", "--json", st), 2));
        runs.put("pinkeeper collector", new Run(Cli.run("collector", "--listen", "nonsense", "--json", st), 2));
        runs.put("pinkeeper collector export-plans", new Run(Cli.run("collector", "export-plans", "--out",
                temp.resolve("plans.json").toString(), "--json", st), 0));
        runs.put("pinkeeper reports", new Run(Cli.run("reports", "--json", st), 2)); // no collector ran here
        runs.put("pinkeeper reports repair", new Run(Cli.run("reports", "repair", "--json", st), null));
        // rehearse runs minutes (and installs packages as root): its failure before it starts
        runs.put("pinkeeper rehearse", new Run(Cli.run("rehearse", "--json", "--dir", pass.toString()), 2));

        Set<String> untried = new TreeSet<>();
        leaves().forEach(leaf -> untried.add(leaf.getCommandSpec().qualifiedName()));
        untried.removeAll(runs.keySet());
        assertThat(untried).as("commands without a run here").isEmpty();
        runs.forEach((name, run) -> {
            String what = name + ": exit " + run.result().code() + "\nstdout: " + run.result().out() + "\nstderr: "
                    + run.result().err();
            if (run.code() != null) {
                assertThat(run.result().code()).as(what).isEqualTo(run.code());
            }
            JsonNode document = oneDocument(run.result().out(), what);
            // a failure is {"error":{…}} alone (header parse's own document has an "error" string or null)
            boolean failure = document.size() == 1 && document.path("error").isObject();
            if (run.result().code() != 0 && failure) {
                assertThat(document.get("error").get("kind").asText()).as(what)
                        .isEqualTo(run.result().code() == 1 ? "refused" : "usage");
                assertThat(run.result().errLines()).as(what).hasSize(1);
            } else {
                assertThat(failure).as(what).isFalse();
            }
        });
        // the remedy travels as data and is spelled in the command line's words
        JsonNode deployError = oneDocument(runs.get("pinkeeper deploy").result().out(), "deploy").get("error");
        assertThat(deployError.get("remedy").asText()).isEqualTo("run: pinkeeper issue --site web");
        JsonNode ramp = oneDocument(runs.get("pinkeeper plan ramp").result().out(), "ramp").get("error");
        assertThat(ramp.get("kind").asText()).isEqualTo("refused");
        assertThat(ramp.get("allowedFrom").asText()).isNotEmpty();
    }

    /** A run and the exit code it must give (null: any). */
    private record Run(Cli.Result result, Integer code) {
    }

    /** {@code out} as exactly one JSON document (an assertion error if there is nothing, more, or not JSON). */
    private static JsonNode oneDocument(String out, String what) {
        try (JsonParser parser = JSON.getFactory().createParser(out)) {
            JsonNode document = JSON.readTree(parser);
            assertThat(document).as("no JSON document: " + what).isNotNull();
            assertThat(document.isContainerNode()).as(what).isTrue();
            assertThat(parser.nextToken()).as("more than one JSON document: " + what).isNull();
            return document;
        } catch (IOException e) {
            throw new AssertionError("stdout is not one JSON document: " + what, e);
        }
    }

    private static List<CommandLine> leaves() {
        List<CommandLine> leaves = new ArrayList<>();
        collect(Main.commandLine(), leaves);
        return leaves;
    }

    private static void collect(CommandLine command, List<CommandLine> leaves) {
        if (command.getSubcommands().isEmpty() || command.getCommandSpec().findOption("--json") != null
                && command.getParent() != null) {
            leaves.add(command);
        }
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, leaves));
    }

    /** The words after {@code pinkeeper} that run {@code command}. */
    private static List<String> path(CommandLine command) {
        List<String> words = new ArrayList<>();
        for (CommandLine c = command; c.getParent() != null; c = c.getParent()) {
            words.add(0, c.getCommandName());
        }
        return words;
    }

    private static String pin(int seed) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) seed;
        return Base64.getEncoder().encodeToString(bytes);
    }
}
