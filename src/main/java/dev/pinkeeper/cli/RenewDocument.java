package dev.pinkeeper.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.pinkeeper.lifecycle.SiteRenewal;

/**
 * The JSON document of {@code pinkeeper renew}: {@code {"at","sites":[{"site","outcome","message","waitUntil",
 * "warnings":[…]}],"counts":{"nothing-due","waiting","done","failed"}}}; also the summary a notify command gets.
 */
record RenewDocument(Instant at, List<Site> sites, Map<String, Long> counts) {
    /** One site's renewal, and the warnings about its keys. */
    record Site(String site, String outcome, String message, Instant waitUntil, List<String> warnings) {
    }

    /** The document of {@code results} at {@code at}, with each site's {@code warnings}. */
    static RenewDocument of(List<SiteRenewal> results, Map<String, List<String>> warnings, Instant at) {
        List<Site> sites = results.stream().map(r -> new Site(r.site(), label(r.outcome()),
                Remedies.withRemedy(r.message(), r.remedy()), r.waitUntil(),
                warnings.getOrDefault(r.site(), List.of()))).toList();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (SiteRenewal.Outcome outcome : SiteRenewal.Outcome.values()) {
            counts.put(label(outcome), count(results, outcome));
        }
        return new RenewDocument(at, sites, counts);
    }

    /** How many of {@code results} ended with {@code outcome}. */
    static long count(List<SiteRenewal> results, SiteRenewal.Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** The outcome's name in the document and the progress lines: nothing-due, waiting, done, failed. */
    static String label(SiteRenewal.Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
