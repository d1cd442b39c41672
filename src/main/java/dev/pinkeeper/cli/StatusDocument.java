package dev.pinkeeper.cli;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.RampStatus;
import dev.pinkeeper.plan.RampStep;
import dev.pinkeeper.plan.site.Rotation;
import dev.pinkeeper.status.CertificateStatus;
import dev.pinkeeper.status.DeploymentStatus;
import dev.pinkeeper.status.KeyStatus;
import dev.pinkeeper.status.PlanStatus;
import dev.pinkeeper.status.SiteStatus;
import dev.pinkeeper.status.StatusWarning;

/**
 * The JSON document of {@code pinkeeper status} (docs/json.md): the typed {@link SiteStatus} of each site,
 * in the shape scripts read, rendered by {@link Json}.
 *
 * @param at            the instant looked at
 * @param needsOperator whether any site needs the operator
 * @param sites         each site
 */
record StatusDocument(Instant at, boolean needsOperator, List<Site> sites) {
    /** The document of {@code statuses}; {@code message} spells each warning with its remedy. */
    static StatusDocument of(Instant at, List<SiteStatus> statuses, Function<SiteStatus, Function<StatusWarning, String>> message) {
        return new StatusDocument(at, statuses.stream().anyMatch(SiteStatus::needsOperator),
                statuses.stream().map(s -> Site.of(s, message.apply(s))).toList());
    }

    /** One site. */
    record Site(String site, List<String> domains, Instant at, boolean needsOperator, List<Key> keys, Plan plan,
                List<Certificate> certificates, Deployment deployment, Renewal lastRenewal, List<Warning> warnings) {
        static Site of(SiteStatus s, Function<StatusWarning, String> message) {
            return new Site(s.site(), s.domains(), s.at(), s.needsOperator(), s.keys().stream().map(Key::of).toList(),
                    s.plan() == null ? null : Plan.of(s.plan(), s.at()), s.certificates().stream().map(Certificate::of).toList(),
                    s.deployment() == null ? null : Deployment.of(s.deployment()),
                    s.lastRenewal() == null ? null : new Renewal(s.lastRenewal().at(), label(s.lastRenewal().outcome()),
                            s.lastRenewal().message()),
                    s.warnings().stream().map(w -> new Warning(label(w.kind()), w.subject(), w.needsOperator(),
                            message.apply(w))).toList());
        }
    }

    /** One key. */
    record Key(String id, String role, String algorithm, Pin pin, String privateHalf, Instant publishedSince,
               Instant safeFrom) {
        static Key of(KeyStatus key) {
            return new Key(key.key().id(), key.key().role().label(), key.key().algorithm().label(), key.key().pin(),
                    label(key.privateHalf()), key.publishedSince(), key.safeFrom());
        }
    }

    /** The plan. */
    record Plan(int version, Stage stage, List<Header> servedHeaders, List<Header> headersToServe, boolean deployed,
                RampStep nextRampStep, List<Rollover> rollovers, Retirement retirement) {
        static Plan of(PlanStatus plan, Instant at) {
            RampStatus stage = plan.stage();
            return new Plan(plan.version(), new Stage(stage != null, stage != null && stage.reportOnly(),
                    stage == null ? null : stage.maxAge()), Header.of(plan.served()), Header.of(plan.toServe()),
                    plan.deployed(), plan.nextStep(), plan.rollovers().stream().map(r -> Rollover.of(r, at)).toList(),
                    plan.retirement() == null ? null : new Retirement(plan.retirement().retiredAt(),
                            plan.retirement().pinsExpireAt(), plan.retirement().over(at)));
        }
    }

    /** Where the site stands on its ramp. */
    record Stage(boolean served, boolean reportOnly, Long maxAge) {
    }

    /** A header. */
    record Header(String name, String value) {
        static List<Header> of(List<PkpHeader> headers) {
            return headers.stream().map(h -> new Header(h.name(), h.value())).toList();
        }
    }

    /** A rollover ahead. */
    record Rollover(String key, String next, Instant dueAt, boolean due, boolean safeNow, Instant safeFrom) {
        static Rollover of(Rotation r, Instant at) {
            return new Rollover(r.current().id(), r.next().key().id(), r.dueAt(), r.dueAt(at), r.safe(), r.waitUntil());
        }
    }

    /** How a retired plan winds down. */
    record Retirement(Instant retiredAt, Instant pinsExpireAt, boolean over) {
    }

    /** A current key's latest certificate. */
    record Certificate(String key, String subject, Instant notAfter, Instant renewalFrom) {
        static Certificate of(CertificateStatus c) {
            return new Certificate(c.keyId(), c.subject(), c.notAfter(), c.renewal() == null ? null : c.renewal().start());
        }
    }

    /** The live release. */
    record Deployment(String release, String target, List<Pin> leafPins, Boolean serverFollows, String detail) {
        static Deployment of(DeploymentStatus d) {
            return new Deployment(d.release(), d.target(), d.leafPins(), d.follows(), d.detail());
        }
    }

    /** The last renewal. */
    record Renewal(Instant at, String outcome, String message) {
    }

    /** A warning. */
    record Warning(String kind, String subject, boolean needsOperator, String message) {
    }

    /** An enum constant as JSON spells it: lower case, words joined by '-'. */
    static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
