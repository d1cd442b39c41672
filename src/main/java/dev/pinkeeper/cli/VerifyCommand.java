package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.AtOption;
import dev.pinkeeper.cli.options.JsonOption;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;


import dev.pinkeeper.analyse.Severity;
import dev.pinkeeper.catalogue.CaCatalogue;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PinValidation;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.PlanView;
import dev.pinkeeper.verify.ExpectedPinsText;
import dev.pinkeeper.verify.ExpectedServing;
import dev.pinkeeper.verify.FetchException;
import dev.pinkeeper.verify.HstsHeader;
import dev.pinkeeper.verify.LiveCheck;
import dev.pinkeeper.verify.LiveFetcher;
import dev.pinkeeper.verify.LiveReport;
import dev.pinkeeper.verify.LiveResponse;
import dev.pinkeeper.verify.LiveVerifier;
import dev.pinkeeper.verify.ServedPinHeader;
import dev.pinkeeper.verify.SiteAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pinkeeper verify}: the analyse report, live — connects to a site and checks its chain and headers. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        header = "Connect to an HTTPS site and check the chain, pin headers and HSTS it serves.",
        description = {"Connect to an HTTPS site, read the chain it serves (without trusting it)",
            "and its Strict-Transport-Security, Public-Key-Pins and -Report-Only headers,",
            "and check them: the chain validates for the host, every pin header gets the",
            "analyse report, HSTS is present and sane, and (with --expect-pin) the headers",
            "pin exactly the expected keys, the leaf's among them; with --site, the",
            "site serves what its plan says now (current key, pins, mode, max-age).",
            "Exit 0 good, 1 problems, 2 bad usage or the site could not be read."})
final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "URL", arity = "0..1",
            description = "https://host[:port][/path] (with --site, default: https://<the site's first domain>/)")
    String url;

    @Mixin
    StateOption stateOption;

    @Option(names = "--site", paramLabel = "NAME",
            description = "Compare with the site's plan (in --state) at --at: the served leaf is the plan's current"
                    + " key, each pin header carries exactly the plan's pins, in the plan's mode (report-only or"
                    + " enforcing) with its max-age and directives. One finding per mismatch.")
    String planSite;

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

    @Mixin
    AtOption atOption;

    @Option(names = "--expect-pin", paramLabel = "PIN", split = ",",
            description = "A pin the site must serve (repeatable or comma-separated): every pin header must "
                    + "hold exactly the expected pins, and the leaf's key must be one of them.")
    List<String> expectPins;

    @Option(names = "--expect-pins-file", paramLabel = "FILE",
            description = "Expected pins, one per line (the first field; '#' starts a comment): e.g. the "
                    + "output of pinkeeper pin.")
    String expectPinsFile;

    @Mixin
    JsonOption jsonOption;

    @Override
    public Integer call() {
        Instant time = atOption.instant();
        PlanView plan = planSite == null ? null : planView(time);
        SiteAddress site = address(plan);
        List<Pin> expected = expectedPins();
        LiveFetcher fetcher = new LiveFetcher().timeout(timeout());
        if (connectTo != null) {
            fetcher = fetcher.connectTo(connectTo);
        }
        LiveCheck check = new LiveCheck(fetcher, new LiveVerifier(Chains.validator(trust), CaCatalogue.bundled()));
        LiveReport report;
        try {
            report = plan == null ? check.check(site, expected, time)
                    : check.checkAgainst(site, ExpectedServing.of(plan), time);
        } catch (FetchException e) {
            throw new UsageException(site.url() + ": " + e.getMessage());
        }
        if (jsonOption.json()) {
            Json.printLine(VerifyDocument.of(report, plan, plan == null ? null : BackupWarnings.print(plan.inventory())));
        } else {
            if (plan != null) {
                printPlan(plan, System.out);
            }
            printText(report, System.out);
            if (plan != null) {
                System.out.flush();
                BackupWarnings.print(plan.inventory());
            }
        }
        return report.good() ? ExitCode.OK : ExitCode.REJECTED;
    }

    /** The address to verify: the URL, else the plan's first domain; {@code --path} replacing its path. */
    private SiteAddress address(PlanView plan) {
        if (url == null && plan == null) {
            throw new UsageException("URL: give the https:// address to verify (or --site)");
        }
        String address = url != null ? url : "https://" + plan.inventory().domains().get(0) + "/";
        try {
            SiteAddress site = SiteAddress.parse(address);
            return path == null ? site : site.withPath(path);
        } catch (IllegalArgumentException e) {
            throw new UsageException(address + ": " + e.getMessage());
        }
    }

    /** The plan's view of {@code --site} at {@code at} (usage errors: no such site, no plan). */
    private PlanView planView(Instant at) {
        if (expectPins != null || expectPinsFile != null) {
            throw new UsageException("--site: the plan gives the expected pins; leave out --expect-pin and --expect-pins-file");
        }
        KeyInventory inventory = stateOption.inventory();
        String name = StateOption.existingSite(inventory, planSite);
        try {
            return new PlanService(inventory).view(name, at);
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        } catch (PlanException e) {
            throw new UsageException("--site: " + e.getMessage(), e);
        }
    }

    private static void printPlan(PlanView plan, PrintStream out) {
        out.println("plan of site " + plan.inventory().site() + " (version " + plan.stored().version() + ") at "
                + plan.at() + ":");
        for (Chain chain : plan.chains()) {
            out.println("  leaf key: " + plan.inventory().byPin(chain.leaf()).map(k -> k.id()).orElse("?") + "  "
                    + chain.leaf().base64());
        }
        for (PkpHeader header : plan.headers()) {
            out.println("  " + header);
        }
        out.println();
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
            try {
                ExpectedPinsText.parse(content).forEach(pin -> texts.add(pin.base64()));
            } catch (IllegalArgumentException e) {
                throw new UsageException(expectPinsFile + ":" + e.getMessage());
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
        printHeaders(r, out);
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

    /** The HSTS and pin headers served, each pin header with its analysis. */
    private static void printHeaders(LiveReport r, PrintStream out) {
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
    }
}
