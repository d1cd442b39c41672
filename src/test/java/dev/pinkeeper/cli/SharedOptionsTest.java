package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pinkeeper.testing.Cli;

/** The options several commands share are read one way everywhere (cli/options). */
class SharedOptionsTest {
    @Test
    void everyUaIsReadTheSameWay() {
        for (List<String> command : List.of(List.of("header", "parse"), List.of("validate"), List.of("simulate"))) {
            Cli.Result bad = run(command, "--ua", "opera");
            assertThat(bad.code()).as(command.toString()).isEqualTo(2);
            assertThat(bad.errLines()).as(command.toString()).singleElement().asString()
                    .contains("unknown user agent 'opera' (expected rfc, chrome or firefox)");
        }
        // any case, as header parse always took it (validate and simulate each had their own reading)
        assertThat(Cli.run("simulate", "--ua", "Chrome", "--json", "builtin:proper-90-day-rollover").json()
                .get("userAgent").asText()).isEqualTo("chrome");
    }

    @Test
    void everyListeningAddressIsReadTheSameWay() {
        for (String option : List.of("--listen", "--operator-listen")) {
            Cli.Result noPort = Cli.run("collector", option, "localhost");
            assertThat(noPort.code()).isEqualTo(2);
            assertThat(noPort.errLines()).singleElement().asString().contains(option + ": expected HOST:PORT");
            Cli.Result badPort = Cli.run("collector", option, "localhost:70000");
            assertThat(badPort.code()).isEqualTo(2);
            assertThat(badPort.errLines()).singleElement().asString()
                    .contains(option + ": the port must be from 0 to 65535, not 70000");
        }
    }

    private static Cli.Result run(List<String> command, String... args) {
        List<String> all = new java.util.ArrayList<>(command);
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }
}
