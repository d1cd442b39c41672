package dev.pinkeeper.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.RampStatus;
import dev.pinkeeper.plan.site.KeyOutlook;
import dev.pinkeeper.plan.site.PlanView;
import dev.pinkeeper.plan.site.Rotation;
import dev.pinkeeper.server.HeaderLines;

/**
 * The JSON document of {@code pinkeeper plan show}: a {@link PlanView} in the shape scripts read (each header
 * with its server lines), rendered by {@link Json}.
 */
record PlanShowDocument(String site, int planVersion, Instant at, Stage stage, List<Header> headers,
                        boolean recordedAsServed, StatusDocument.Retirement retirement, Long keyLifetimeSeconds,
                        List<RotationEntry> rotations, List<StatusDocument.Header> servedHeaders,
                        List<String> certificates, List<Step> upcoming, List<Key> keys, List<String> warnings) {
    /** The document of {@code view}; {@code warnings} are the plan's and the backup warnings. */
    static PlanShowDocument of(PlanView view, List<String> warnings) {
        RampStatus stage = view.stage();
        Duration lifetime = view.stored().settings().keyLifetime();
        return new PlanShowDocument(view.inventory().site(), view.stored().version(), view.at(),
                new Stage(stage != null, stage != null && stage.reportOnly(), stage == null ? null : stage.maxAge(),
                        stage == null ? null : stage.nextMaxAge(), stage == null ? null : stage.nextAt()),
                view.headers().stream().map(Header::new).toList(), view.upToDate(),
                view.retirement() == null ? null : new StatusDocument.Retirement(view.retirement().retiredAt(),
                        view.retirement().pinsExpireAt(), view.retirement().over(view.at())),
                lifetime == null ? null : lifetime.getSeconds(),
                view.rotations().stream().map(r -> RotationEntry.of(r, view.at())).toList(),
                StatusDocument.Header.of(view.servedHeaders()), view.certificateKeys(),
                view.upcoming().stream().map(s -> new Step(s.at(), s.maxAge(), s.maxAge() == null)).toList(),
                view.keys().stream().map(Key::of).toList(), warnings);
    }

    /** Where the site stands on its ramp. */
    record Stage(boolean served, boolean reportOnly, Long maxAge, Long nextMaxAge, Instant nextAt) {
    }

    /** A header to serve, with each server's line ({@link HeaderLines}). */
    @JsonPropertyOrder({"name", "value"})
    record Header(@JsonIgnore PkpHeader header) {
        public String getName() {
            return header.name();
        }

        public String getValue() {
            return header.value();
        }

        @JsonUnwrapped
        public HeaderLines getLines() {
            return ServerLineText.lines(header);
        }
    }

    /** An automatic rollover ahead. */
    record RotationEntry(String key, String next, Instant servedSince, Instant dueAt, boolean due, boolean safeNow,
                         Instant waitUntil) {
        static RotationEntry of(Rotation r, Instant at) {
            return new RotationEntry(r.current().id(), r.next().key().id(), r.servedSince(), r.dueAt(), r.dueAt(at),
                    r.safe(), r.waitUntil());
        }
    }

    /** A ramp step ahead. */
    record Step(Instant at, Long maxAge, boolean reportOnly) {
    }

    /** A key and when it may safely become current. */
    record Key(String id, String role, Pin pin, Instant publishedSince, Instant safeFrom, Boolean safeNow, String reason) {
        static Key of(KeyOutlook key) {
            return new Key(key.key().id(), key.key().role().label(), key.key().pin(), key.publishedSince(), key.safeFrom(),
                    key.decision() == null ? null : key.decision().safe(),
                    key.decision() == null ? null : key.decision().message());
        }
    }
}
