package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.JsonOption;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

import dev.pinkeeper.cli.options.UserAgentConverter;
import dev.pinkeeper.pin.HeaderParse;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.pin.PkpHeaderParser;
import dev.pinkeeper.pin.UserAgent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pinkeeper header parse}: one header value as one user agent read it, and whether it would note it. */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = {"Parse a Public-Key-Pins value exactly as a user agent did.",
                "Exit 0 when valid (and noted, with --chain-pin), 1 when not, 2 on bad usage."})
final class HeaderParseCommand implements Callable<Integer> {
    @Option(names = "--ua", paramLabel = "rfc|chrome|firefox", converter = UserAgentConverter.class,
            description = "Whose rules: rfc (RFC 7469, default), chrome or firefox.")
    UserAgent ua = UserAgent.RFC;

    @Option(names = "--report-only", description = "The value is of Public-Key-Pins-Report-Only.")
    boolean reportOnly;

    @Option(names = "--chain-pin", paramLabel = "PIN", converter = HeaderOptionConverters.PinConverter.class,
            description = "A pin of the validated chain (repeat); also checks whether the UA would note the header.")
    List<Pin> chainPins = List.of();

    @Mixin
    JsonOption jsonOption;

    @Parameters(index = "0", paramLabel = "VALUE", description = "The header value, without the header name.")
    String value;

    @Override
    public Integer call() {
        HeaderParse parse = PkpHeaderParser.parse(ua, value, reportOnly);
        String whyNotNoted = chainPins.isEmpty() ? null : parse.whyNotNoted(ua, chainPins);
        Boolean noted = chainPins.isEmpty() ? null : whyNotNoted == null;
        PrintStream out = System.out;
        if (jsonOption.json()) {
            out.println(Json.line(Document.of(parse, noted)));
        } else {
            printText(out, parse, noted, whyNotNoted);
        }
        out.flush();
        return parse.valid() && !Boolean.FALSE.equals(noted) ? ExitCode.OK : ExitCode.REJECTED;
    }

    /** The JSON document (the command-line contract in docs: {@code pinkeeper header parse}). */
    record Document(boolean valid, String error, Long maxAge, Long effectiveMaxAge, boolean includeSubDomains,
                    String reportUri, List<Pin> pins, Boolean noted) {
        static Document of(HeaderParse parse, Boolean noted) {
            return new Document(parse.valid(), parse.error(), parse.maxAge(), parse.effectiveMaxAge(),
                    parse.includeSubDomains(), parse.reportUri(), parse.pins(), noted);
        }
    }

    private void printText(PrintStream out, HeaderParse parse, Boolean noted, String whyNotNoted) {
        String name = reportOnly ? PkpHeader.REPORT_ONLY_NAME : PkpHeader.NAME;
        if (!parse.valid()) {
            out.println(name + " as " + ua.label() + " reads it: INVALID, " + parse.error());
        } else {
            out.println(name + " as " + ua.label() + " reads it: valid");
            out.println("  max-age:           " + maxAgeText(parse));
            out.println("  includeSubDomains: " + (parse.includeSubDomains() ? "yes" : "no"));
            out.println("  report-uri:        " + (parse.reportUri() == null ? "-" : parse.reportUri()));
            out.println("  pins:              " + parse.pins().size());
            for (Pin pin : parse.pins()) {
                out.println("    " + pin.headerDirective());
            }
            for (String warning : parse.warnings()) {
                out.println("  note: " + warning);
            }
        }
        if (noted != null) {
            out.println(noted ? (parse.forgetsPins() ? "noted: yes, as a removal: max-age=0 makes the UA forget this host's pins"
                    : "noted: yes") : "noted: no, " + whyNotNoted);
        }
    }

    private static String maxAgeText(HeaderParse parse) {
        if (parse.maxAge() == null) {
            return "-";
        }
        if (parse.effectiveMaxAge() == null) {
            return parse.maxAge() + " s (ignored in a report-only header)";
        }
        if (!parse.effectiveMaxAge().equals(parse.maxAge())) {
            return parse.maxAge() + " s as written, " + parse.effectiveMaxAge() + " s after the cap";
        }
        return parse.maxAge() + " s";
    }
}
