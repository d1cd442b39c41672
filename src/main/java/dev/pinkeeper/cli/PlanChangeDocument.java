package dev.pinkeeper.cli;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.site.KeyChange;
import dev.pinkeeper.plan.site.StoredPlan;

/**
 * The JSON document of a plan change ({@code plan init}, {@code advance}, {@code ramp}, {@code rollover},
 * {@code emergency}): {@code {"site":…,"version":…,"written":…,"change":…}} and what the command adds —
 * {@code "recorded"} (advance), {@code "headers"} (ramp), or the keys {@code "current"}, {@code "retired"} and
 * {@code "generated"} (rollover, emergency); what a command does not add is left out.
 */
record PlanChangeDocument(String site, int version, Instant written, String change,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Boolean recorded,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<String> headers,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Key current,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Key retired,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Key generated) {
    /** The document of the plan version {@code plan} a change wrote. */
    static PlanChangeDocument of(StoredPlan plan) {
        return new PlanChangeDocument(plan.site(), plan.version(), plan.written(), plan.change(), null, null, null, null,
                null);
    }

    /** {@code plan advance}: whether anything new was recorded as served. */
    static PlanChangeDocument advanced(StoredPlan plan, boolean recorded) {
        return new PlanChangeDocument(plan.site(), plan.version(), plan.written(), plan.change(), recorded, null, null,
                null, null);
    }

    /** {@code plan ramp}: the headers to serve from the new step on. */
    static PlanChangeDocument ramped(StoredPlan plan, List<PkpHeader> headers) {
        return new PlanChangeDocument(plan.site(), plan.version(), plan.written(), plan.change(), null,
                headers.stream().map(PkpHeader::toString).toList(), null, null, null);
    }

    /** A rollover or emergency: the key now current, the one retired, the one generated. */
    static PlanChangeDocument keyChange(KeyChange change) {
        StoredPlan plan = change.plan();
        return new PlanChangeDocument(plan.site(), plan.version(), plan.written(), plan.change(), null, null,
                Key.of(change.promoted()), Key.of(change.replaced()), Key.of(change.generated()));
    }

    /** A key as a plan change names it. */
    record Key(String id, String pin) {
        static Key of(KeyEntry key) {
            return new Key(key.id(), key.pin().base64());
        }
    }
}
