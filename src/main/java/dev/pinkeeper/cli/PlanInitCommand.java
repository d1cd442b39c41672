package dev.pinkeeper.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.pinkeeper.catalogue.CaCatalogue;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.plan.CaPin;
import dev.pinkeeper.plan.Ramp;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanSettings;
import dev.pinkeeper.plan.site.StoredPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper plan init}: the plan of a site whose keys exist. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a site's plan: report-only period, max-age ramp, directives; the pins are the site's"
                + " current, next and backup keys (CA pins only with --allow-ca-pins).")
final class PlanInitCommand extends PlanSubcommand {
    @Mixin
    DryRunOption dryRunOption;

    @Option(names = "--report-only-days", paramLabel = "N", defaultValue = "7",
            description = "Days the report-only header is served before enforcement (default: ${DEFAULT-VALUE}).")
    int reportOnlyDays;

    @Option(names = "--ramp", paramLabel = "LIST", defaultValue = "300,1d,7d,30d,60d",
            description = "The increasing max-age steps, comma-separated, in seconds or with s/m/h/d/w (default: ${DEFAULT-VALUE}).")
    String ramp;

    @Option(names = "--key-lifetime", paramLabel = "DURATION", defaultValue = "365d",
            description = "How long a key is served before 'pinkeeper renew' rolls it over to its next key by itself,"
                    + " once the rollover gate allows it (seconds, or with s/m/h/d/w; 0 or none: never by itself;"
                    + " default: ${DEFAULT-VALUE}).")
    String keyLifetime;

    @Option(names = "--report-uri", paramLabel = "URI", converter = HeaderOptionConverters.ReportUriConverter.class,
            description = "Where browsers report pin failures (an absolute URL).")
    String reportUri;

    @Option(names = "--include-subdomains", description = "Pin every subdomain too (includeSubDomains).")
    boolean includeSubDomains;

    @Option(names = "--allow-ca-pins", description = "Allow --ca-pin: a CA pin is shared by every customer of that CA.")
    boolean allowCaPins;

    @Option(names = "--ca-pin", paramLabel = "[CA=]PIN",
            description = "A CA key's pin (with --allow-ca-pins; pins of at least two CAs). The CA is looked up in the"
                    + " bundled catalogue, or named before '='.")
    List<String> caPins = new ArrayList<>();

    @Option(names = "--issuer-pin", paramLabel = "PIN", converter = HeaderOptionConverters.PinConverter.class,
            description = "A pin after the leaf in the served chains (intermediate, root), for the history and the gate.")
    List<Pin> issuerPins = new ArrayList<>();

    @Override
    int run(String site, PrintWriter out) throws InventoryException, PlanException, RefusedStepException {
        StoredPlan plan = options.service().init(site, settings(), options.changeAt(site));
        if (options.json()) {
            Json.print(PlanChangeDocument.of(plan));
            return ExitCode.OK;
        }
        out.println("plan of site " + site + " created (plan version " + plan.version() + ").");
        out.println("Next: pinkeeper plan show --site " + site + "   (serve the report-only header it prints, then"
                + " run: pinkeeper plan advance --site " + site + ")");
        return ExitCode.OK;
    }

    /** The settings the options give (usage errors for bad ones; the CA pin warning). */
    private PlanSettings settings() {
        Duration reportOnly = reportOnly(reportOnlyDays);
        if (!caPins.isEmpty() && !allowCaPins) {
            throw new UsageException("--ca-pin: CA pins need --allow-ca-pins (a CA pin is shared by every customer"
                    + " of that CA, and breaks when the CA changes intermediates)");
        }
        List<CaPin> ca = new ArrayList<>();
        for (String value : caPins) {
            ca.add(caPin(value));
        }
        Ramp steps;
        try {
            steps = new Ramp(reportOnly, maxAges(ramp));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--ramp: " + e.getMessage());
        }
        PlanSettings settings;
        try {
            settings = new PlanSettings(steps, includeSubDomains, reportUri, allowCaPins, ca, issuerPins,
                    keyLifetime(keyLifetime));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--key-lifetime: " + e.getMessage());
        }
        if (!ca.isEmpty()) {
            KeysCommand.warn("CA pins: a CA pin is shared by all of that CA's customers (it accepts any certificate"
                    + " the CA issues for anyone) and breaks when the CA switches intermediates; your own keys are pinned too");
        }
        return settings;
    }

    /** {@code --report-only-days}: a number of days, at least 0. */
    static Duration reportOnly(int days) {
        if (days < 0) {
            throw new UsageException("--report-only-days: not a number of days: " + days);
        }
        return Duration.ofDays(days);
    }

    /** {@code --key-lifetime}: a duration, or null for {@code 0} / {@code none} (never by itself). */
    static Duration keyLifetime(String text) {
        if (text.strip().equalsIgnoreCase("none")) {
            return null;
        }
        long seconds;
        try {
            seconds = new HeaderOptionConverters.SecondsConverter().convert(text);
        } catch (RuntimeException e) {
            throw new UsageException("--key-lifetime: " + e.getMessage());
        }
        return seconds == 0 ? null : Duration.ofSeconds(seconds);
    }

    static List<Duration> maxAges(String list) {
        List<Duration> steps = new ArrayList<>();
        HeaderOptionConverters.SecondsConverter seconds = new HeaderOptionConverters.SecondsConverter();
        for (String part : list.split(",")) {
            try {
                steps.add(Duration.ofSeconds(seconds.convert(part)));
            } catch (RuntimeException e) {
                throw new UsageException("--ramp: " + e.getMessage());
            }
        }
        return steps;
    }

    private static CaPin caPin(String value) {
        int equals = value.lastIndexOf('=');
        // a base64 pin ends with '=': a CA name is separated by the first '=' followed by a pin
        int split = value.indexOf('=');
        String name = null;
        String pinText = value;
        if (split > 0 && split < equals && !value.startsWith("pin-sha256")) {
            name = value.substring(0, split).strip();
            pinText = value.substring(split + 1);
        }
        Pin pin;
        try {
            pin = Pin.parse(pinText.strip());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--ca-pin: " + e.getMessage());
        }
        if (name == null) {
            name = CaCatalogue.bundled().operator(pin).orElseThrow(() -> new UsageException("--ca-pin: " + pin.base64()
                    + " is not in the bundled CA catalogue: name its CA as --ca-pin 'CA name=" + pin.base64() + "'"));
        }
        return new CaPin(pin, name);
    }
}
