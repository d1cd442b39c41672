package dev.pinkeeper.cli;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.lifecycle.DeployResult;
import dev.pinkeeper.lifecycle.SiteIssuer;
import dev.pinkeeper.lifecycle.TestCaOrder;
import dev.pinkeeper.plan.site.KeyChange;

/**
 * What {@code issue} did, as text lines while it goes or, with {@code --json}, as one document at the end:
 * {@code {"site","ca","issued":[{"role","key","notAfter","file"}],"failed":[{"role","key","reason"}],
 * "rollover":[ids],"emergency":{"promoted","generated"}|null,"notDeployed":str|null,"deploy":{deploy's document}|null}}; a dry run with a test CA adds
 * {@code "testCertificates":[{"key","serial","notAfter","issuer"}]}.
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
        doc.putArray("failed");
        doc.putArray("rollover");
        doc.putNull("emergency");
        doc.putNull("notDeployed");
        doc.putNull("deploy");
    }

    /** A dry run's certificate from the test CA, checked and discarded. */
    void testCertificate(TestCaOrder.TestCertificate certificate) {
        (doc.has("testCertificates") ? (ArrayNode) doc.get("testCertificates") : doc.putArray("testCertificates"))
                .addObject().put("key", certificate.keyId()).put("serial", certificate.serial())
                .put("notAfter", certificate.notAfter().toString()).put("issuer", certificate.issuer());
        say("test certificate: key " + certificate.keyId() + " certified by the test CA (" + certificate.issuer()
                + ", serial " + certificate.serial() + ", valid until " + certificate.notAfter() + "), checked and"
                + " discarded");
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

    /**
     * Some keys got no certificate ({@code failed}) while others did: nothing deployed, exit 1 (the CA refused
     * part of the issuance; issue again for the keys that failed).
     */
    int partial(List<SiteIssuer.Failed> failed) {
        for (SiteIssuer.Failed f : failed) {
            ((ArrayNode) doc.get("failed")).addObject().put("role", f.key().role().label()).put("key", f.key().id())
                    .put("reason", f.reason().getMessage());
            // with --json the document is all of stdout: the reasons go to stderr too
            (json ? System.err : System.out).println("failed: " + f.key().role().label() + " key " + f.key().id()
                    + " got no certificate from the " + ca + " CA: " + f.reason().getMessage());
        }
        String why = failed.size() + " of the keys got no certificate: nothing deployed (the certificates issued are"
                + " kept; issue again for the others)";
        doc.put("notDeployed", why);
        say("not deployed: " + why);
        if (json) {
            Json.print(doc);
        }
        return ExitCode.REJECTED;
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
