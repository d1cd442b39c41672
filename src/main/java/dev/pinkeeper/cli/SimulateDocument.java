package dev.pinkeeper.cli;

import java.time.Instant;
import java.util.List;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.plan.CachedHeader;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.StepVerdict;
import dev.pinkeeper.plan.IgnoredHeader;
import dev.pinkeeper.plan.Lockout;
import dev.pinkeeper.plan.SimulationResult;
import dev.pinkeeper.plan.scenario.ScenarioKeySwitch;
import dev.pinkeeper.plan.scenario.Scenario;

/**
 * The JSON documents of {@code pinkeeper simulate}: a {@link SimulationResult} ({@link Run}) or, with
 * {@code --safe-switch}, a {@link ScenarioKeySwitch} ({@link Switch}), each pin also named as the scenario names it.
 */
final class SimulateDocument {
    private SimulateDocument() {
    }

    /** A whole simulation. */
    record Run(String scenario, String userAgent, boolean lockout, int headersChecked, List<LockoutEntry> lockouts,
               List<Ignored> ignoredHeaders) {
        static Run of(Scenario scenario, String userAgent, SimulationResult result) {
            return new Run(scenario.name(), userAgent, !result.lockoutFree(), result.headersChecked(),
                    result.lockouts().stream().map(l -> LockoutEntry.of(l, scenario)).toList(),
                    result.ignoredHeaders().stream().map(Ignored::of).toList());
        }
    }

    /** Whether serving {@code pin} on {@code hosts} from {@code at} is safe. */
    record Switch(String scenario, Pin pin, List<String> hosts, Instant at, boolean safe, Instant safeFrom,
                  boolean pinPublished, List<Cached> blockers) {
        static Switch of(ScenarioKeySwitch check) {
            StepVerdict decision = check.verdict();
            Instant at = check.at();
            return new Switch(check.scenario().name(), check.pin(), check.hosts(), at, decision.safe(),
                    decision.safe() ? at : decision.safeFrom(), decision.pinPublished(),
                    decision.blockers().stream().map(b -> Cached.of(b, check.scenario())).toList());
        }
    }

    /** A lockout window. */
    record LockoutEntry(String host, Instant from, Instant until, ChainEntry chain, Cached header,
                        Instant exampleFirstVisit, Instant exampleLaterVisit) {
        static LockoutEntry of(Lockout lockout, Scenario scenario) {
            return new LockoutEntry(lockout.host(), lockout.from(), lockout.until(), ChainEntry.of(lockout.chain(), scenario),
                    Cached.of(lockout.cause(), scenario), lockout.exampleFirstVisit(), lockout.exampleLaterVisit());
        }
    }

    /** A chain served. */
    record ChainEntry(String label, List<Pin> pins, List<String> names) {
        static ChainEntry of(Chain chain, Scenario scenario) {
            return new ChainEntry(chain.label(), chain.pins(), chain.pins().stream().map(scenario::nameOf).toList());
        }
    }

    /** A header a client may have cached. */
    record Cached(String host, String name, String value, List<String> pinNames, Instant servedFrom, Instant servedUntil,
                  long maxAge, Instant liveUntil) {
        static Cached of(CachedHeader cached, Scenario scenario) {
            return new Cached(cached.host(), cached.header().name(), cached.header().value(),
                    cached.header().pins().stream().map(scenario::nameOf).toList(), cached.servedFrom(),
                    cached.servedUntil(), cached.maxAge(), cached.liveUntil());
        }
    }

    /** A header no client notes. */
    record Ignored(String host, String name, String value, Instant from, Instant until, String reason) {
        static Ignored of(IgnoredHeader header) {
            return new Ignored(header.host(), header.header().name(), header.header().value(), header.from(),
                    header.until(), header.reason());
        }
    }
}
