package dev.pinkeeper.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.analyse.Severity;
import dev.pinkeeper.catalogue.CaCatalogue;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PinValidation;
import dev.pinkeeper.verify.FetchException;
import dev.pinkeeper.verify.HstsHeader;
import dev.pinkeeper.verify.LiveFetcher;
import dev.pinkeeper.verify.LiveReport;
import dev.pinkeeper.verify.LiveResponse;
import dev.pinkeeper.verify.LiveVerifier;
import dev.pinkeeper.verify.ServedPinHeader;
import dev.pinkeeper.verify.SiteAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pinkeeper verify}: the analyse report, live — connects to a site and checks its chain and headers. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Connect to an HTTPS site, read the chain it serves (without trusting it)",
            "and its Strict-Transport-Security, Public-Key-Pins and -Report-Only headers,",
            "and check them: the chain validates for the host, every pin header gets the",
            "analyse report, HSTS is present and sane, and (with --expect-pin) the headers",
            "pin exactly the expected keys, the leaf's among them.",
            "Exit 0 good, 1 problems, 2 bad usage or the site could not be read."})
final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "URL", description = "https://host[:port][/path]")
    String url;

    @Option(names = "--connect-to", paramLabel = "ADDRESS",
            description = "Connect to this IP address or host instead of resolving the URL's host "
                    + "(the name is still sent in SNI and Host), like curl --resolve.")
    String connectTo;

    @Option(names = "--path", paramLabel = "PATH", description = "Request this path instead of the URL's (default /).")
    String path;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Connect and read timeout (default 10).")
    BigDecimal timeout;

    @Option(names = "--trust", paramLabel = "FILE",
            description = "PEM trust anchors (repeatable); default: the JDK's trust store.")
    List<String> trust;

    @Option(names = "--at", paramLabel = "ISO-8601", description = "Validate the chain at this time (default: now).")
    String at;

    @Option(names = "--expect-pin", paramLabel = "PIN", split = ",",
            description = "A pin the site must serve (repeatable or comma-separated): every pin header must "
                    + "hold exactly the expected pins, and the leaf's key must be one of them.")
    List<String> expectPins;

    @Option(names = "--expect-pins-file", paramLabel = "FILE",
            description = "Expected pins, one per line (the first field; '#' starts a comment): e.g. the "
                    + "output of pinkeeper pin.")
    String expectPinsFile;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() {
        SiteAddress site;
        try {
            site = SiteAddress.parse(url);
            if (path != null) {
                site = site.withPath(path);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(url + ": " + e.getMessage());
        }
        Instant time = Times.parse("--at", at);
        List<Pin> expected = expectedPins();
        LiveFetcher fetcher = new LiveFetcher().timeout(timeout());
        if (connectTo != null) {
            fetcher = fetcher.connectTo(connectTo);
        }
        LiveVerifier verifier = new LiveVerifier(Chains.validator(trust), CaCatalogue.bundled());
        LiveResponse response;
        try {
            response = fetcher.fetch(site);
        } catch (FetchException e) {
            throw new UsageException(site.url() + ": " + e.getMessage());
        }
        LiveReport report = verifier.verify(response, expected, time);
        if (json) {
            System.out.println(json(report).toString());
        } else {
            printText(report, System.out);
        }
        return report.good() ? ExitCode.OK : ExitCode.REJECTED;
    }

    private Duration timeout() {
        if (timeout == null) {
            return LiveFetcher.DEFAULT_TIMEOUT;
        }
        if (timeout.signum() <= 0 || timeout.compareTo(BigDecimal.valueOf(86400)) > 0) {
            throw new UsageException("--timeout: not a number of seconds between 0 and 86400: " + timeout);
        }
        return Duration.ofMillis(Math.max(1, timeout.movePointRight(3).longValue()));
    }

    /** The expected pins of --expect-pin and --expect-pins-file, or null when neither was given. */
    private List<Pin> expectedPins() {
        if (expectPins == null && expectPinsFile == null) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        if (expectPins != null) {
            texts.addAll(expectPins);
        }
        if (expectPinsFile != null) {
            String content;
            try (var in = Inputs.open(expectPinsFile)) {
                content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException(expectPinsFile + ": " + Inputs.describe(e));
            }
            int number = 0;
            for (String line : content.split("\r?\n")) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                String first = text.split("\\s+")[0];
                try {
                    Pin.parse(first);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(expectPinsFile + ":" + number + ": " + e.getMessage());
                }
                texts.add(first);
            }
        }
        List<Pin> pins = Chains.pins("--expect-pin", texts);
        if (pins.isEmpty()) {
            throw new UsageException((expectPinsFile != null ? expectPinsFile : "--expect-pin") + ": no pins");
        }
        return pins;
    }

    private static void printText(LiveReport r, PrintStream out) {
        LiveResponse response = r.response();
        PinValidation chain = r.chain();
        out.println("pinkeeper verify " + response.site().url() + " at " + r.at());
        out.println("connected to " + response.address() + ", " + response.tlsVersion() + " "
                + response.cipherSuite() + ", HTTP " + response.status());
        out.println();
        out.println("served chain:");
        AnalysisOutput.printChain(chain.servedChain(), out, "  ", r::known);
        out.println("validated chain:" + (chain.chainValid() ? "" : " none (" + chain.reason() + ")"));
        AnalysisOutput.printChain(chain.validatedChain(), out, "  ", r::known);
        out.println();
        if (r.hstsValues().isEmpty()) {
            out.println(HstsHeader.NAME + ": none");
        }
        for (String value : r.hstsValues()) {
            out.println(HstsHeader.NAME + ": " + value);
        }
        if (r.pinHeaders().isEmpty()) {
            out.println("Public-Key-Pins: none");
            out.println("Public-Key-Pins-Report-Only: none");
        }
        for (ServedPinHeader header : r.pinHeaders()) {
            out.println(header.name() + ": " + header.value());
            out.println("  " + AnalysisOutput.headerLine(header.analysis().check().parse()));
            out.println("  " + header.analysis().check().reason());
            if (!header.analysis().pins().isEmpty()) {
                out.println("  pins:");
                AnalysisOutput.printPins(header.analysis(), out, "    ");
            }
            out.println("  findings:" + (header.analysis().findings().isEmpty() ? " none" : ""));
            AnalysisOutput.printFindings(header.analysis().findings(), out, "    ");
        }
        if (r.expectedPins() != null) {
            out.println("expected pins:");
            for (Pin pin : r.expectedPins()) {
                out.println("  pin-sha256=\"" + pin + "\"");
            }
        }
        out.println();
        out.println("findings:" + (r.findings().isEmpty() ? " none" : ""));
        AnalysisOutput.printFindings(r.findings(), out, "  ");
        out.println();
        out.println(AnalysisOutput.verdict(r.good(), r.count(Severity.ERROR), r.count(Severity.WARNING),
                r.count(Severity.NOTE)));
    }

    private static ObjectNode json(LiveReport r) {
        LiveResponse response = r.response();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("verdict", r.good() ? "good" : "problems");
        root.put("url", response.site().url());
        root.put("host", response.site().host());
        root.put("port", response.site().port());
        root.put("address", response.address());
        root.put("at", r.at().toString());
        root.putObject("tls").put("version", response.tlsVersion()).put("cipherSuite", response.cipherSuite());
        root.put("status", response.status());
        ObjectNode chain = root.putObject("chain");
        chain.put("valid", r.chain().chainValid());
        chain.put("reason", r.chain().chainValid() ? null : r.chain().reason());
        AnalysisOutput.chain(chain.putArray("servedChain"), r.chain().servedChain(), r::known);
        AnalysisOutput.chain(chain.putArray("validatedChain"), r.chain().validatedChain(), r::known);
        ObjectNode hsts = root.putObject("hsts");
        ArrayNode values = hsts.putArray("values");
        r.hstsValues().forEach(values::add);
        HstsHeader first = r.hsts();
        hsts.put("valid", first != null && first.valid());
        hsts.put("error", first == null ? "not served" : first.error());
        if (first == null || first.maxAge() == null) {
            hsts.putNull("maxAge");
        } else {
            hsts.put("maxAge", first.maxAge());
        }
        hsts.put("includeSubDomains", first != null && first.includeSubDomains());
        hsts.put("preload", first != null && first.preload());
        ArrayNode headers = root.putArray("publicKeyPins");
        for (ServedPinHeader header : r.pinHeaders()) {
            ObjectNode node = headers.addObject();
            node.put("name", header.name());
            node.put("reportOnly", header.reportOnly());
            node.put("position", header.position());
            node.put("value", header.value());
            node.setAll(AnalysisOutput.json(header.analysis(), false));
        }
        if (r.expectedPins() == null) {
            root.putNull("expectedPins");
        } else {
            ArrayNode expected = root.putArray("expectedPins");
            r.expectedPins().forEach(p -> expected.add(p.base64()));
        }
        AnalysisOutput.findings(root.putArray("findings"), r.findings());
        return root;
    }
}
