package dev.pinkeeper.report.dashboard;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import dev.pinkeeper.report.store.ReportSummary;

/**
 * A summary as one JSON document, the form {@code pinkeeper reports --json} prints:
 * {@code {"total":…,"byClass":{…},"timeline":[{"hour","site","reportClass","count"}],
 * "topChains":[…],"topIssuers":[…],"headerVersions":[…],"recent":[…]}}; instants in ISO-8601.
 */
public final class SummaryJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance))
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private SummaryJson() {
    }

    /** The summary as JSON text (one line). */
    public static String of(ReportSummary summary) {
        try {
            return JSON.writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the summary as JSON", e);
        }
    }
}
