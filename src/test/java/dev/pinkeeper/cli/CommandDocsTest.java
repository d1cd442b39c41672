package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.testing.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;

/** The reference in docs/reference is what the commands generate, and every command has a one-sentence summary. */
class CommandDocsTest {
    private static final Path REFERENCE = Path.of("docs/reference");

    @Test
    void theCommittedReferenceIsWhatTheCommandsGenerate() throws IOException {
        Map<String, String> generated = CommandDocs.reference();
        TreeSet<String> committed = new TreeSet<>();
        if (Files.isDirectory(REFERENCE)) {
            try (Stream<Path> files = Files.list(REFERENCE)) {
                files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".md")).forEach(committed::add);
            }
        }
        List<String> differing = new ArrayList<>();
        for (Map.Entry<String, String> page : generated.entrySet()) {
            Path file = REFERENCE.resolve(page.getKey());
            if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(page.getValue())) {
                differing.add(page.getKey());
            }
        }
        committed.removeAll(generated.keySet());
        committed.forEach(stale -> differing.add(stale + " (no such command any more)"));
        assertThat(differing)
                .as("docs/reference differs from the commands; run " + CommandDocs.REFERENCE_SCRIPT
                        + " and commit the result")
                .isEmpty();
    }

    @Test
    void theReferenceHasAPagePerCommandAndSubcommand() {
        Map<String, String> reference = CommandDocs.reference();
        assertThat(reference).containsKeys("README.md", "pinkeeper.md", "pinkeeper-keys-init.md",
                "pinkeeper-plan-rollover.md", "pinkeeper-header-build.md", "pinkeeper-rehearse.md");
        assertThat(reference.get("pinkeeper-keys-init.md")).contains("Usage: pinkeeper keys init")
                .doesNotContain("\u001B[");
        // fixed width whatever the terminal: no usage line wider than the set width
        reference.values().stream().filter(page -> page.contains("```text\n"))
                .map(page -> page.substring(page.indexOf("```text\n"), page.lastIndexOf("```")))
                .flatMap(String::lines)
                .forEach(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(CommandDocs.USAGE_WIDTH));
    }

    @Test
    void everyCommandIsListedWithOneCompleteSentence() {
        String help = Cli.run("--help").out().replaceAll("\\s+", " ");
        for (CommandSpec spec : CommandDocs.allCommands()) {
            String summary = CommandDocs.summary(spec);
            assertThat(summary).as(spec.qualifiedName())
                    .matches("[A-Z].*[.]")
                    .doesNotContain(". ")
                    .hasSizeLessThanOrEqualTo(200);
            if (spec.parent() != null && spec.parent().parent() == null) {
                // what pinkeeper --help shows, not only what the model holds
                assertThat(help).as("pinkeeper --help").contains(summary);
            }
        }
    }
}
