package dev.pinkeeper.report.dashboard;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.report.SitePlans;
import dev.pinkeeper.report.store.ReportSummary;

/**
 * A summary as one JSON document, the form {@code pinkeeper reports --json} prints:
 * {@code {"total":…,"byClass":{…},"timeline":[{"hour","site","reportClass","count"}],
 * "topChains":[…],"topIssuers":[…],"headerVersions":[…],"recent":[…]}}; instants in ISO-8601. With
 * plans, also {@code "sites":[{"site","includeSubdomains","pins":[{"pin","role","label"}],
 * "headerVersions":[{"label","pins","servedFrom","servedUntil"}],"timeline":[{"at","what"}],
 * "name","roots":[base64,…]}]}: one entry per host name, {@code name} the site it belongs to,
 * {@code roots} the private CA roots its deployments trust.
 */
public final class SummaryJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(Pin.class, ToStringSerializer.instance)) // Pin.toString() is its base64
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private SummaryJson() {
    }

    /** The summary as JSON text (one line). */
    public static String of(ReportSummary summary) {
        return of(summary, SitePlans.none());
    }

    /** The summary and the plans' sites (pins with roles, header versions, timeline) as JSON text (one line). */
    public static String of(ReportSummary summary, SitePlans plans) {
        try {
            ObjectNode json = JSON.valueToTree(summary);
            if (!plans.all().isEmpty()) {
                json.set("sites", JSON.valueToTree(plans.all()));
            }
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot write the summary as JSON", e);
        }
    }
}
