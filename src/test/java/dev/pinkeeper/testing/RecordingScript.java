package dev.pinkeeper.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real executable shell script for hook and notify tests: each run records its standard input, environment
 * and arguments, appends its name to {@code order.log} in its folder (to check the order several scripts ran
 * in), prints {@code output} and exits with {@code status}.
 *
 * <pre>{@code
 * RecordingScript notify = RecordingScript.create(dir, "notify", 0, "");
 * Cli.run("notify", "--test", "--notify-command", notify.path().toString());
 * assertThat(notify.runs()).singleElement().extracting(RecordingScript.Run::stdin).asString().contains("test");
 * }</pre>
 */
public final class RecordingScript {
    private final Path script;
    private final Path records;

    private RecordingScript(Path script, Path records) {
        this.script = script;
        this.records = records;
    }

    /** One run: what it read on stdin, its environment, its arguments. */
    public record Run(String stdin, Map<String, String> environment, List<String> arguments) {
    }

    /** Writes {@code dir/name} (mode 0755) that records each run, prints {@code output} and exits {@code status}. */
    public static RecordingScript create(Path dir, String name, int status, String output) {
        return create(dir, name, status, output, dir.resolve("order.log"));
    }

    /** {@link #create(Path, String, int, String)} appending its name to {@code orderLog} at each run. */
    public static RecordingScript create(Path dir, String name, int status, String output, Path orderLog) {
        try {
            Files.createDirectories(dir);
            Path script = dir.resolve(name);
            Path records = dir.resolve(name + ".runs");
            String text = """
                    #!/bin/sh
                    d='%1$s'
                    mkdir -p "$d"
                    n=$(ls "$d" | wc -l)
                    f="$d/$(printf %%04d "$n")"
                    mkdir "$f"
                    cat > "$f/stdin"
                    env > "$f/env"
                    for a in "$@"; do printf '%%s\\n' "$a"; done > "$f/args"
                    echo '%2$s' >> '%3$s'
                    printf '%%s' '%4$s'
                    exit %5$d
                    """.formatted(records, name, orderLog, output, status);
            Files.writeString(script, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            return new RecordingScript(script, records);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The script file. */
    public Path path() {
        return script;
    }

    /** The script {@code dir/name} made earlier (to read its runs). */
    public static RecordingScript existing(Path dir, String name) {
        return new RecordingScript(dir.resolve(name), dir.resolve(name + ".runs"));
    }

    /** The names of the scripts that ran in {@code dir}, in the order they ran. */
    public static List<String> order(Path dir) {
        return orderIn(dir.resolve("order.log"));
    }

    /** The names of the scripts that ran, as {@code orderLog} lists them. */
    public static List<String> orderIn(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every run so far, oldest first. */
    public List<Run> runs() {
        if (!Files.isDirectory(records)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(records)) {
            List<Run> runs = new ArrayList<>();
            for (Path run : list.sorted().toList()) {
                Map<String, String> env = new LinkedHashMap<>();
                for (String line : Files.readAllLines(run.resolve("env"))) {
                    int equals = line.indexOf('=');
                    if (equals > 0) {
                        env.put(line.substring(0, equals), line.substring(equals + 1));
                    }
                }
                runs.add(new Run(Files.readString(run.resolve("stdin")), env, Files.readAllLines(run.resolve("args"))));
            }
            return runs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
