package dev.pinkeeper.cli;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.pinkeeper.keys.InventoryJson;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.site.archive.SiteRecovery;

/**
 * The JSON document of {@code pinkeeper site recover}: a {@link SiteRecovery.Recovered} in the shape scripts
 * read, each key as {@code keys list} shows it; with {@code --issue}, the issue's document (or its failure's,
 * or {@code {"status":"checked"}} in a dry run) and, once it ran, {@code next}: what continues an unfinished run
 * (null when it finished).
 */
record RecoverDocument(String status, String site, JsonNode promoted, List<JsonNode> generated, List<Pin> dropped,
        Instant cachedFrom, List<Cached> noted, List<Cached> expired, List<Header> headers, Integer planVersion,
        @JsonInclude(JsonInclude.Include.NON_NULL) Object issue,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode next) {

    /** A header clients may cache: until when, and when it was last served (null: served now). */
    record Cached(String name, String value, Instant lastServed, Instant cachedUntil) {
        static Cached of(SiteRecovery.CachedHeader cached, Instant at) {
            return new Cached(cached.header().name(), cached.header().value(), cached.lastServed(),
                    cached.cachedUntil(at));
        }
    }

    /** A header to serve. */
    record Header(String name, String value) {
    }

    /** The recovery alone (no issue), at {@code at}. */
    static RecoverDocument of(SiteRecovery.Recovered recovered, Instant at) {
        return new RecoverDocument(recovered.dryRun() ? "dry-run" : "recovered", recovered.inventory().site(),
                InventoryJson.toJson(recovered.promoted()),
                recovered.generated().stream().<JsonNode>map(InventoryJson::toJson).toList(), recovered.dropped(),
                recovered.cachedAt(), recovered.noted().stream().map(c -> Cached.of(c, at)).toList(),
                recovered.expired().stream().map(c -> Cached.of(c, at)).toList(),
                recovered.headers().stream().map(h -> new Header(h.name(), h.value())).toList(),
                recovered.plan() == null ? null : recovered.plan().version(), null, null);
    }

    /** This recovery with the issue's document {@code issue} and {@code next} (null: nothing left to do). */
    RecoverDocument withIssue(Object issue, String next) {
        return new RecoverDocument(status, site, promoted, generated, dropped, cachedFrom, noted, expired, headers,
                planVersion, issue, next == null ? NullNode.instance : TextNode.valueOf(next));
    }

    /** This recovery with the issue's document {@code issue} only (a dry run's check). */
    RecoverDocument withIssue(Object issue) {
        return new RecoverDocument(status, site, promoted, generated, dropped, cachedFrom, noted, expired, headers,
                planVersion, issue, null);
    }
}
