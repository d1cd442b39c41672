package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.JsonOption;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.pinkeeper.pin.HeaderBuilder;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.server.HeaderLines;
import dev.pinkeeper.server.HeaderServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper header build}: a header value and the nginx, Apache and HAProxy lines that send it. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Build a Public-Key-Pins header and the nginx, Apache and HAProxy lines that send it.",
                "Refuses (exit 1, with the reasons) a header that browsers would not note or that risks lockout."})
final class HeaderBuildCommand implements Callable<Integer> {
    @Option(names = "--pin", paramLabel = "PIN", converter = HeaderOptionConverters.PinConverter.class,
            description = "A pin to include (repeat).")
    List<Pin> pins = new ArrayList<>();

    @Option(names = "--pin-file", paramLabel = "FILE",
            description = "Certificates, keys or CSRs (PEM or DER) whose keys to pin (repeat).")
    List<String> pinFiles = new ArrayList<>();

    @Option(names = "--max-age", paramLabel = "DURATION", converter = HeaderOptionConverters.SecondsConverter.class,
            description = "Seconds, or a number with s, m, h, d or w: 300, 5m, 30d.")
    Long maxAge;

    @Option(names = "--include-subdomains", description = "Add includeSubDomains.")
    boolean includeSubDomains;

    @Option(names = "--report-uri", paramLabel = "URI", description = "Where browsers send violation reports.")
    String reportUri;

    @Option(names = "--report-only", description = "Build Public-Key-Pins-Report-Only (reports, never blocks).")
    boolean reportOnly;

    @Option(names = "--current", paramLabel = "FILE|PIN",
            description = "A key actually served (pin, or file to pin; repeat), to check that a backup pin remains.")
    List<String> current = new ArrayList<>();

    @Option(names = "--allow-long-max-age", description = "Accept a max-age above 60 days (5184000 s).")
    boolean allowLongMaxAge;

    @Mixin
    JsonOption jsonOption;

    @Override
    public Integer call() {
        List<Pin> all = headerPins();
        List<Pin> currentPins = currentPins();
        HeaderBuilder.Result result = new HeaderBuilder().pins(all).maxAge(maxAge).includeSubDomains(includeSubDomains)
                .reportUri(reportUri).reportOnly(reportOnly).currentPins(currentPins).allowLongMaxAge(allowLongMaxAge)
                .build();
        PkpHeader header = result.header();
        PrintStream out = System.out;
        if (jsonOption.json()) {
            out.println(Json.line(Document.of(result, reportOnly)));
        } else if (header != null) {
            printLines(header, out);
        }
        out.flush();
        if (header == null) {
            if (!jsonOption.json()) {
                problems(result).forEach(p -> System.err.println("pinkeeper: refused: " + p));
            }
            return ExitCode.REJECTED;
        }
        if (!jsonOption.json() && currentPins == null) {
            System.err.println("pinkeeper: note: without --current the backup-pin rule was not checked against the served key");
        }
        return ExitCode.OK;
    }

    /** The pins of --pin and of every --pin-file, in order. */
    private List<Pin> headerPins() {
        if (pins.isEmpty() && pinFiles.isEmpty()) {
            throw new UsageException("give the pins with --pin or --pin-file");
        }
        List<Pin> all = new ArrayList<>(pins);
        for (String file : pinFiles) {
            all.addAll(PinArguments.pinsOf(file));
        }
        return all;
    }

    /** The pins of the keys actually served (--current), or null when none were given. */
    private List<Pin> currentPins() {
        if (current.isEmpty()) {
            return null;
        }
        List<Pin> currentPins = new ArrayList<>();
        for (String item : current) {
            currentPins.addAll(PinArguments.pinOrFile(item));
        }
        return currentPins;
    }

    /** The header, then each server's line (or why it cannot send it, also noted on stderr). */
    private static void printLines(PkpHeader header, PrintStream out) {
        out.println(header);
        for (HeaderServer server : HeaderServer.all()) {
            out.println("# " + server.heading());
            HeaderServer.Written written = server.write(header.name(), header.value());
            out.println(ServerLineText.lineOrComment(written));
            if (written.why() != null) {
                System.err.println("pinkeeper: note: " + written.why());
            }
        }
    }

    /** The problems of {@code result}, the one the override lifts naming it. */
    private static List<String> problems(HeaderBuilder.Result result) {
        return result.problems().stream()
                .map(p -> p.equals(result.longMaxAge()) ? p + " (override: --allow-long-max-age)" : p).toList();
    }

    /**
     * The JSON document: {@code accepted}, {@code problems}, the header's {@code name} and {@code value} (null
     * when refused), and each server's line ({@link HeaderLines}).
     */
    record Document(boolean accepted, List<String> problems, String name, String value,
                    @JsonUnwrapped HeaderLines lines) {
        static Document of(HeaderBuilder.Result result, boolean reportOnly) {
            PkpHeader header = result.header();
            return new Document(header != null, HeaderBuildCommand.problems(result), reportOnly ? PkpHeader.REPORT_ONLY_NAME : PkpHeader.NAME,
                    header == null ? null : header.value(), ServerLineText.lines(header));
        }
    }
}
