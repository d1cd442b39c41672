package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.AtOption;
import dev.pinkeeper.cli.options.JsonOption;
import java.io.PrintStream;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;


import dev.pinkeeper.cli.options.UserAgentConverter;
import dev.pinkeeper.pin.ChainCertificate;
import dev.pinkeeper.pin.ChainValidator;
import dev.pinkeeper.pin.ConnectionVerdict;
import dev.pinkeeper.pin.HeaderCheck;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PinValidation;
import dev.pinkeeper.pin.UserAgent;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper validate}: would a user agent note this header and accept this chain (RFC 7469 §2.5, §2.6)? */
@Command(name = "validate", mixinStandardHelpOptions = true,
        header = "Build the validated chain from a served chain to a trust anchor as a browser does, and say whether these pins accept it.",
        description = {"Build the validated chain from a served chain to a trust anchor, like a browser,",
            "and say whether a user agent holding these pins would accept the connection",
            "(and, with --header, note the header). Exit 0 accepted, 1 not, 2 bad input."})
final class ValidateCommand implements Callable<Integer> {
    @Option(names = "--chain", required = true, paramLabel = "FILE",
            description = "The served chain: PEM certificates, leaf first (others in any order); '-' is stdin.")
    String chain;

    @ArgGroup(exclusive = true, multiplicity = "1")
    PinSource source;

    /** Where the pin set comes from. */
    static final class PinSource {
        @Option(names = "--header", paramLabel = "VALUE", description = "A Public-Key-Pins header value.")
        String header;

        @Option(names = "--pins", paramLabel = "PIN,...", split = ",", description = "The pin set (base64 SHA-256).")
        List<String> pins;
    }

    @Option(names = "--report-only", description = "The header is Public-Key-Pins-Report-Only.")
    boolean reportOnly;

    @Option(names = "--trust", paramLabel = "FILE",
            description = "PEM trust anchors (repeatable); default: the JDK's trust store.")
    List<String> trust;

    @Option(names = "--host", paramLabel = "NAME", description = "Check that the leaf is valid for this host.")
    String host;

    @Mixin
    AtOption atOption;

    @Option(names = "--ua", paramLabel = "rfc|chrome|firefox", defaultValue = "rfc", converter = UserAgentConverter.class,
            description = "Whose header rules apply (default: ${DEFAULT-VALUE}).")
    UserAgent ua;

    @Option(names = "--excluded-pin", paramLabel = "PIN",
            description = "A key that must not appear in the validated chain (repeatable), like Chromium's static pins.")
    List<String> excludedPins;

    @Mixin
    JsonOption jsonOption;

    @Override
    public Integer call() {
        List<Pin> excluded = Chains.pins("--excluded-pin", excludedPins);
        Instant time = atOption.instant();
        List<X509Certificate> served = Chains.read(chain);
        ChainValidator validator = Chains.validator(trust);
        ConnectionVerdict verdict;
        if (source.header != null) {
            verdict = ConnectionVerdict.of(HeaderCheck.check(validator, served, ua, source.header, reportOnly, excluded,
                    host, time));
        } else {
            List<Pin> pins = Chains.pins("--pins", source.pins);
            if (pins.isEmpty()) {
                throw new UsageException("--pins: no pin given");
            }
            verdict = ConnectionVerdict.ofPins(validator, served, pins, excluded, host, time);
        }
        if (jsonOption.json()) {
            Json.printLine(Document.of(verdict));
        } else {
            printText(verdict, System.out);
        }
        return verdict.good() ? ExitCode.OK : ExitCode.REJECTED;
    }

    private static void printText(ConnectionVerdict verdict, PrintStream out) {
        PinValidation v = verdict.validation();
        out.println((v.accepted() ? "accepted" : "not accepted") + ": " + verdict.reason());
        if (verdict.noted() != null) {
            out.println("noted: " + (verdict.noted() ? "yes" : "no"));
        }
        out.println("served chain:");
        for (int i = 0; i < v.servedChain().size(); i++) {
            ChainCertificate c = v.servedChain().get(i);
            out.println("  #" + i + "  pin-sha256=\"" + c.pin() + "\"  " + c.subject());
        }
        out.println("validated chain:" + (v.validatedChain().isEmpty() ? " none" : ""));
        AnalysisOutput.printChain(v.validatedChain(), out, "  ", pin -> List.of());
        out.println("backup pins:" + (v.backupPins().isEmpty() ? " none" : ""));
        for (Pin pin : v.backupPins()) {
            out.println("  pin-sha256=\"" + pin + "\"");
        }
    }

    /**
     * The JSON document (docs/json.md).
     *
     * @param accepted       whether a UA holding the pins accepts the chain
     * @param noted          whether a UA notes the header, or null when pins were given instead
     * @param reason         why, in one line
     * @param servedChain    the chain as served
     * @param validatedChain the validated chain, each certificate marked pinned or not
     * @param backupPins     the pins outside the validated chain
     */
    record Document(boolean accepted, Boolean noted, String reason, List<Served> servedChain,
                    List<Validated> validatedChain, List<Pin> backupPins) {
        static Document of(ConnectionVerdict verdict) {
            PinValidation v = verdict.validation();
            return new Document(v.accepted(), verdict.noted(), verdict.reason(),
                    v.servedChain().stream().map(c -> new Served(c.subject(), c.pin())).toList(),
                    v.validatedChain().stream().map(c -> new Validated(c.subject(), c.pin(), c.pinned())).toList(),
                    v.backupPins());
        }

        /** A certificate as served. */
        record Served(String subject, Pin pin) {
        }

        /** A certificate of the validated chain. */
        record Validated(String subject, Pin pin, boolean pinned) {
        }
    }
}
