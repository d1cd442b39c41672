package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pinkeeper.deploy.Header;
import dev.pinkeeper.deploy.HeaderSnippets;
import dev.pinkeeper.pin.HeaderParse;
import dev.pinkeeper.pin.PkpHeaderParser;
import dev.pinkeeper.pin.UserAgent;
import dev.pinkeeper.testing.Cli;

/** {@code pinkeeper header build}: output, refusals and exit codes. */
class HeaderBuildCommandTest {
    private static final String A = b64(1);
    private static final String B = b64(2);

    @TempDir
    Path dir;

    private static String b64(int fill) {
        byte[] digest = new byte[32];
        Arrays.fill(digest, (byte) fill);
        return Base64.getEncoder().encodeToString(digest);
    }

    @Test
    void printsTheValueAndAllThreeConfigLines() {
        Cli.Result run = Cli.run("header", "build", "--pin", A, "--pin", "sha256//" + B, "--max-age", "30d",
                "--include-subdomains", "--report-uri", "https://r.example/hpkp", "--current", A);
        assertThat(run.code()).isZero();
        String value = "pin-sha256=\"" + A + "\"; pin-sha256=\"" + B + "\"; max-age=2592000; includeSubDomains; "
                + "report-uri=\"https://r.example/hpkp\"";
        String escaped = value.replace("\"", "\\\"");
        assertThat(run.out().lines()).containsExactly(
                "Public-Key-Pins: " + value,
                "# nginx (server or location block)",
                "add_header Public-Key-Pins '" + value + "' always;",
                "# Apache httpd (mod_headers)",
                "Header always set Public-Key-Pins \"" + escaped + "\"",
                "# HAProxy 2.2 or later (frontend)",
                "http-after-response set-header Public-Key-Pins \"" + escaped + "\"");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void jsonGivesEverythingInOneObject() {
        Cli.Result run = Cli.run("header", "build", "--pin", A, "--pin", B, "--max-age", "5m", "--json");
        assertThat(run.code()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("accepted").asBoolean()).isTrue();
        assertThat(json.get("problems")).isEmpty();
        assertThat(json.get("name").asText()).isEqualTo("Public-Key-Pins");
        String value = json.get("value").asText();
        assertThat(value).endsWith("; max-age=300");
        assertThat(json.get("nginx").asText()).isEqualTo("add_header Public-Key-Pins '" + value + "' always;");
        assertThat(json.get("apache").asText()).startsWith("Header always set Public-Key-Pins \"");
        assertThat(json.get("haproxy").asText()).startsWith("http-after-response set-header Public-Key-Pins \"");
        assertThat(json.get("unwritable")).isEmpty();
        HeaderParse parse = PkpHeaderParser.parse(UserAgent.CHROME, value, false);
        assertThat(parse.pins()).extracting(p -> p.base64()).containsExactly(A, B);
    }

    @Test
    void printsTheSameLinesAsTheReleaseSnippets() {
        Cli.Result run = Cli.run("header", "build", "--pin", A, "--pin", B, "--max-age", "5m",
                "--report-uri", "https://r.example/r%2Fd?a='b'", "--json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode json = run.json();
        List<Header> headers = List.of(new Header(json.get("name").asText(), json.get("value").asText()));
        assertThat(json.get("nginx").asText() + "\n").isEqualTo(HeaderSnippets.nginx(headers));
        assertThat(json.get("apache").asText() + "\n").isEqualTo(HeaderSnippets.apache(headers));
        assertThat(json.get("haproxy").asText() + "\n").isEqualTo(HeaderSnippets.haproxy(headers));
        assertThat(json.get("apache").asText()).contains("r%%2Fd");
        assertThat(json.get("haproxy").asText()).contains("r%%2Fd");
        assertThat(json.get("nginx").asText()).contains("r%2Fd?a=\\'b\\'");
    }

    @Test
    void aValueNginxCannotSendKeepsTheOtherLinesAndSaysWhy() {
        String[] args = {"header", "build", "--pin", A, "--pin", B, "--max-age", "5m",
            "--report-uri", "https://r.example/$host"};
        Cli.Result run = Cli.run(args);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines().filter(l -> l.startsWith("# cannot be written: header Public-Key-Pins: nginx cannot send '$'")))
                .hasSize(1);
        assertThat(run.out()).contains("Header always set Public-Key-Pins \"").contains("/$host")
                .contains("http-after-response set-header Public-Key-Pins \"").contains("/\\$host");
        assertThat(run.err()).contains("pinkeeper: note: header Public-Key-Pins: nginx cannot send '$'");

        String[] json = java.util.stream.Stream.concat(Arrays.stream(args), java.util.stream.Stream.of("--json"))
                .toArray(String[]::new);
        Cli.Result jsonRun = Cli.run(json);
        assertThat(jsonRun.code()).isZero();
        assertThat(jsonRun.json().get("nginx").isNull()).isTrue();
        assertThat(jsonRun.json().get("apache").asText()).contains("/$host");
        assertThat(jsonRun.json().get("unwritable").get("nginx").asText()).contains("'$'");
    }

    @Test
    void refusalsExitOneWithEveryReason() {
        Cli.Result one = Cli.run("header", "build", "--pin", A, "--max-age", "90d");
        assertThat(one.code()).isEqualTo(1);
        assertThat(one.out()).isEmpty();
        assertThat(one.err().lines()).hasSize(2).allMatch(l -> l.startsWith("pinkeeper: refused: "));
        assertThat(one.err()).contains("fewer than two pins").contains("above 60 days");

        Cli.Result json = Cli.run("header", "build", "--pin", A, "--pin", B, "--max-age", "1d", "--current", A,
                "--current", B, "--json");
        assertThat(json.code()).isEqualTo(1);
        assertThat(json.json().get("accepted").asBoolean()).isFalse();
        assertThat(json.json().get("value").isNull()).isTrue();
        assertThat(json.json().get("problems")).extracting(JsonNode::asText)
                .containsExactly("no backup pin: every pin is one of the current keys");
    }

    @Test
    void longMaxAgeNeedsTheOverride() {
        assertThat(Cli.run("header", "build", "--pin", A, "--pin", B, "--max-age", "61d").code()).isEqualTo(1);
        Cli.Result allowed = Cli.run("header", "build", "--pin", A, "--pin", B, "--max-age", "61d", "--allow-long-max-age");
        assertThat(allowed.code()).isZero();
        assertThat(allowed.out()).contains("max-age=5270400");
    }

    @Test
    void enforcingHeaderNeedsMaxAgeButReportOnlyDoesNot() {
        Cli.Result enforcing = Cli.run("header", "build", "--pin", A, "--pin", B);
        assertThat(enforcing.code()).isEqualTo(1);
        assertThat(enforcing.err()).contains("needs a max-age");
        Cli.Result reportOnly = Cli.run("header", "build", "--pin", A, "--pin", B, "--report-only",
                "--report-uri", "https://r.example/");
        assertThat(reportOnly.code()).isZero();
        assertThat(reportOnly.out()).startsWith("Public-Key-Pins-Report-Only: ")
                .contains("add_header Public-Key-Pins-Report-Only '");
    }

    @Test
    void pinFilesArePinnedLikeOpenssl(@TempDir Path keys) throws Exception {
        Path current = keys.resolve("current.pem");
        Path backup = keys.resolve("backup.pem");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", current.toString());
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", backup.toString());
        String currentPin = opensslPin(current);
        String backupPin = opensslPin(backup);

        Cli.Result run = Cli.run("header", "build", "--pin-file", current.toString(), "--pin-file", backup.toString(),
                "--max-age", "600", "--current", current.toString(), "--json");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.json().get("value").asText()).isEqualTo(
                "pin-sha256=\"" + currentPin + "\"; pin-sha256=\"" + backupPin + "\"; max-age=600");

        Cli.Result onlyCurrent = Cli.run("header", "build", "--pin-file", current.toString(), "--pin", backupPin,
                "--max-age", "600", "--current", current.toString(), "--current", backup.toString());
        assertThat(onlyCurrent.code()).isEqualTo(1);
        assertThat(onlyCurrent.err()).contains("no backup pin");
    }

    @Test
    void badInputsExitTwoWithOneLineNamingThem() throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a key\n");
        for (List<String> args : List.of(
                List.of("header", "build", "--pin-file", dir.resolve("missing.pem").toString(), "--max-age", "60"),
                List.of("header", "build", "--pin-file", garbage.toString(), "--pin", A, "--max-age", "60"),
                List.of("header", "build", "--pin", A, "--pin", B, "--max-age", "60", "--current", "nothing-here"),
                List.of("header", "build", "--pin", A, "--pin", B, "--max-age", "soon"),
                List.of("header", "build", "--pin", "AAAA", "--max-age", "60"),
                List.of("header", "build", "--max-age", "60"))) {
            Cli.Result run = Cli.run(args.toArray(String[]::new));
            assertThat(run.code()).as(args.toString()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err().lines().findFirst().orElseThrow()).startsWith("pinkeeper: ");
            assertThat(run.err()).doesNotContain("Exception");
        }
        assertThat(Cli.run("header", "build", "--pin-file", garbage.toString(), "--max-age", "1").err())
                .contains(garbage.toString());
    }

    private static void openssl(String... args) throws Exception {
        // Private keys: created 0600 (umask 077) inside the 0700 temporary directory.
        List<String> command = new java.util.ArrayList<>(List.of("sh", "-c", "umask 077; exec openssl \"$@\"", "sh"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    /** The pin as the openssl pipeline computes it: pkey -pubout DER | sha256 | base64. */
    private static String opensslPin(Path key) throws Exception {
        Process process = new ProcessBuilder("sh", "-c",
                "openssl pkey -in \"$1\" -pubout -outform der | openssl dgst -sha256 -binary | base64", "sh",
                key.toString()).start();
        String pin = new String(process.getInputStream().readAllBytes()).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return pin;
    }
}
