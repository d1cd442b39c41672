package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.AtOption;
import dev.pinkeeper.cli.options.JsonOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;


import dev.pinkeeper.cli.options.UserAgentConverter;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.pin.UserAgent;
import dev.pinkeeper.plan.CachedHeader;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.IgnoredHeader;
import dev.pinkeeper.plan.Lockout;
import dev.pinkeeper.plan.LockoutSimulator;
import dev.pinkeeper.plan.SimulationResult;
import dev.pinkeeper.plan.StepVerdict;
import dev.pinkeeper.plan.scenario.Scenario;
import dev.pinkeeper.plan.scenario.ScenarioException;
import dev.pinkeeper.plan.scenario.ScenarioKeySwitch;
import dev.pinkeeper.plan.scenario.ScenarioReader;
import dev.pinkeeper.plan.scenario.ShippedScenarios;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pinkeeper simulate}: the lockout simulator over a scenario file. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Find every returning visitor a served or planned pin history locks out, or prove there is none.",
                "Exit 0: no lockout (or, with --safe-switch, safe now); 1: lockouts found (not safe yet); 2: bad input."})
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption jsonOption;

    @Option(names = "--safe-switch", paramLabel = "PIN",
            description = "Instead, say from when serving the key with this pin (an alias of the scenario or base64) locks nobody out.")
    String safeSwitch;

    @Option(names = "--host", paramLabel = "NAME",
            description = "With --safe-switch: the hosts the key will be served on (default: every host of the scenario).")
    List<String> hosts;

    @Mixin
    AtOption atOption;

    @Option(names = "--ua", paramLabel = "rfc|chrome|firefox", converter = UserAgentConverter.class,
            description = "Whose max-age cap applies: rfc (none, the worst case), chrome or firefox (60 days). Default: the scenario's.")
    UserAgent userAgent;

    @Parameters(paramLabel = "SCENARIO", arity = "1",
            description = "Scenario JSON file (docs/scenario-format.md), '-' for standard input, or builtin:NAME for a shipped one ("
                    + "builtin:smashing-magazine-2016, …).")
    String scenarioName;

    @Override
    public Integer call() throws IOException {
        Instant given = atOption.given() ? atOption.instant() : null; // checked even when unused
        Scenario scenario = load();
        UserAgent ua = userAgent == null ? scenario.userAgent() : userAgent;
        LockoutSimulator simulator = LockoutSimulator.forUserAgent(ua);
        PrintWriter out = spec.commandLine().getOut();
        int code = safeSwitch == null ? simulate(scenario, ua, simulator, out)
                : safeSwitch(scenario, simulator, given != null ? given : scenario.now() != null ? scenario.now() : Instant.now(), out);
        out.flush();
        return code;
    }

    private int simulate(Scenario scenario, UserAgent ua, LockoutSimulator simulator, PrintWriter out) throws IOException {
        SimulationResult result = simulator.simulate(scenario.schedule());
        if (jsonOption.json()) {
            out.println(Json.line(SimulateDocument.Run.of(scenario, ua.label(), result)));
        } else {
            out.println("scenario " + scenario.name() + " (" + scenario.schedule().hosts().size() + " host(s), "
                    + result.headersChecked() + " noted header(s) checked, user agent " + ua.label() + ")");
            for (IgnoredHeader header : result.ignoredHeaders()) {
                out.println("warning: " + header.host() + " from " + header.from()
                        + (header.until() == null ? " on" : " until " + header.until()) + ": "
                        + headerText(header.header(), scenario) + " is never noted: " + header.reason());
            }
            int n = 0;
            for (Lockout lockout : result.lockouts()) {
                out.println("LOCKOUT " + (++n) + ": clients returning to " + lockout.host() + " from " + lockout.from()
                        + (lockout.until() == null ? " on" : " until " + lockout.until()));
                out.println("  are refused chain " + chainText(lockout.chain(), scenario));
                out.println("  because they cached " + cachedText(lockout.cause(), scenario));
                out.println("  e.g. first visit " + lockout.exampleFirstVisit() + ", back at " + lockout.exampleLaterVisit());
            }
            out.println(result.lockoutFree()
                    ? "no lockout: every header a client can have cached admits every chain served while it lives"
                    : result.lockouts().size() + " lockout window(s)");
        }
        return result.lockoutFree() ? ExitCode.OK : ExitCode.REJECTED;
    }

    private int safeSwitch(Scenario scenario, LockoutSimulator simulator, Instant moment, PrintWriter out) throws IOException {
        Pin pin;
        try {
            pin = scenario.pin(safeSwitch);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--safe-switch: " + safeSwitch + " is neither a pin alias of "
                    + scenarioName + " nor a base64 pin");
        }
        if (ScenarioKeySwitch.targets(scenario, hosts).isEmpty()) {
            throw new UsageException(scenarioName + ": the scenario has no host; name one with --host");
        }
        ScenarioKeySwitch check = ScenarioKeySwitch.check(scenario, simulator, pin, hosts, moment);
        if (jsonOption.json()) {
            out.println(Json.line(SimulateDocument.Switch.of(check)));
        } else {
            printSwitch(check, out);
        }
        return check.safe() ? ExitCode.OK : ExitCode.REJECTED;
    }

    private static void printSwitch(ScenarioKeySwitch check, PrintWriter out) {
        Scenario scenario = check.scenario();
        StepVerdict decision = check.verdict();
        String key = scenario.nameOf(check.pin());
        String targets = String.join(", ", check.hosts());
        if (decision.safe()) {
            out.println("safe: serving " + key + " on " + targets + " from " + check.at()
                    + " locks nobody out (every header a client may still have cached pins it)");
            return;
        }
        out.println("not safe at " + check.at() + ": serving " + key + " on " + targets
                + (decision.pinPublished() ? " is safe from " + decision.safeFrom()
                : " is never safe while the header served now lacks its pin; if its pin is published at "
                + check.at() + ", safe from " + decision.safeFrom()));
        for (CachedHeader blocker : check.liveBlockers()) {
            out.println("  lacks the pin: " + cachedText(blocker, scenario));
        }
    }

    private Scenario load() {
        try {
            if (scenarioName.startsWith("builtin:")) {
                return ShippedScenarios.load(scenarioName.substring("builtin:".length()));
            }
            try (InputStream in = Inputs.open(scenarioName)) {
                return new ScenarioReader().read(in, scenarioName);
            }
        } catch (ScenarioException e) {
            throw new UsageException(scenarioName + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UsageException(scenarioName + ": " + Inputs.describe(e), e);
        }
    }

    private static String chainText(Chain chain, Scenario scenario) {
        String pins = chain.pins().stream().map(scenario::nameOf).collect(Collectors.joining(", ", "[", "]"));
        return chain.label() == null ? pins : "\"" + chain.label() + "\" " + pins;
    }

    private static String headerText(PkpHeader header, Scenario scenario) {
        return header.name() + " pinning " + header.pins().stream().map(scenario::nameOf)
                .collect(Collectors.joining(", ", "[", "]"))
                + (header.maxAge() == null ? "" : " max-age=" + header.maxAge())
                + (header.includeSubDomains() ? " includeSubDomains" : "");
    }

    private static String cachedText(CachedHeader cached, Scenario scenario) {
        return headerText(cached.header(), scenario) + " served on " + cached.host() + " from " + cached.servedFrom()
                + (cached.servedUntil() == null ? " and still served" : " until " + cached.servedUntil())
                + (cached.liveUntil() == null ? "" : ", cached until " + cached.liveUntil());
    }
}
