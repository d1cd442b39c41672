package dev.pinkeeper.cli;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.lifecycle.DeployResult;
import dev.pinkeeper.lifecycle.SiteIssuer;
import dev.pinkeeper.plan.site.KeyChange;

/**
 * What {@code issue} did, as text lines while it goes or, with {@code --json}, as one document at the end:
 * {@code {"site","ca","issued":[{"role","key","notAfter","file"}],"rollover":[ids],
 * "emergency":{"promoted","generated"}|null,"notDeployed":str|null,"deploy":{deploy's document}|null}}.
 */
final class IssueReport {
    private final boolean json;
    private final String ca;
    private final ObjectNode doc;

    IssueReport(boolean json, String site, String ca) {
        this.json = json;
        this.ca = ca;
        this.doc = Json.object().put("site", site).put("ca", ca);
        doc.putArray("issued");
        doc.putArray("rollover");
        doc.putNull("emergency");
        doc.putNull("notDeployed");
        doc.putNull("deploy");
    }

    void issued(SiteIssuer.Issued issued) {
        Instant notAfter = issued.certificate().leaf().getNotAfter().toInstant();
        ((ArrayNode) doc.get("issued")).addObject().put("role", issued.key().role().label())
                .put("key", issued.key().id()).put("notAfter", notAfter.toString()).put("file", issued.file().toString());
        say("issued: " + issued.key().role().label() + " key " + issued.key().id() + " by the " + ca
                + " CA, valid until " + notAfter + " (" + issued.file() + ")");
    }

    void rolledOver(KeyEntry promoted) {
        ((ArrayNode) doc.get("rollover")).add(promoted.id());
        say("rollover: " + promoted.id() + " is the current key now");
    }

    void emergency(String site, KeyChange change) {
        doc.putObject("emergency").put("promoted", change.promoted().id()).put("generated", change.generated().id());
        say("emergency: backup " + change.promoted().id() + " is the current key now");
        (json ? System.err : System.out).print(BackupWarnings.exportNow(site, change.generated().id()));
    }

    /** Nothing deployed ({@code serving}: the keys are current ones, the deployment was not asked for); exit 0. */
    int notDeployed(boolean serving) {
        doc.put("notDeployed", serving ? "not asked to deploy" : "the key is not a current key");
        if (!serving) {
            say("not deployed: the key is not a current key");
        }
        if (json) {
            Json.print(doc);
        }
        return ExitCode.OK;
    }

    /** The deployment's outcome (and the backup warnings of {@code keys}); returns the exit code. */
    int deployed(DeployResult result, DeployOptions options, SiteInventory keys) {
        if (!json) {
            return options.report(result, false, keys);
        }
        doc.set("deploy", Json.tree(LifecycleOutput.Document.of(result, BackupWarnings.print(keys))));
        Json.print(doc);
        return result.live() ? ExitCode.OK : ExitCode.REJECTED;
    }

    private void say(String line) {
        if (!json) {
            System.out.println(line);
        }
    }
}
