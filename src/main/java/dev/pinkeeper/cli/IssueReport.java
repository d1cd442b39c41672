package dev.pinkeeper.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.lifecycle.IssueRun;
import dev.pinkeeper.lifecycle.SiteIssuer;
import dev.pinkeeper.lifecycle.TestCaOrder;

/**
 * Renders what {@code issue} did ({@link IssueRun.Result}) as text lines or, with {@code --json}, as one
 * {@link Document}.
 */
final class IssueReport {
    private IssueReport() {
    }

    /**
     * The JSON document of {@code issue}: {@code {"site","ca","issued":[{"role","key","notAfter","file"}],
     * "failed":[{"role","key","reason"}],"rollover":[ids],"emergency":{"promoted","generated"}|null,
     * "notDeployed":str|null,"deploy":{deploy's document}|null}}; a dry run with a test CA adds
     * {@code "testCertificates":[{"key","serial","notAfter","issuer"}]}.
     */
    record Document(String site, String ca, List<Issued> issued, List<Failed> failed, List<String> rollover,
            Emergency emergency, String notDeployed, LifecycleOutput.Document deploy,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TestCertificate> testCertificates) {
    }

    /** A certificate issued. */
    record Issued(String role, String key, Instant notAfter, Path file) {
        static Issued of(SiteIssuer.Issued issued) {
            return new Issued(issued.key().role().label(), issued.key().id(), IssueReport.notAfter(issued), issued.file());
        }
    }

    /** A key that got no certificate, and the CA's reason. */
    record Failed(String role, String key, String reason) {
        static Failed of(SiteIssuer.Failed failed) {
            return new Failed(failed.key().role().label(), failed.key().id(), failed.reason().getMessage());
        }
    }

    /** An emergency's key change: the backup made current and the backup generated in its place. */
    record Emergency(String promoted, String generated) {
    }

    /** A dry run's certificate from a test CA, checked and discarded. */
    record TestCertificate(String key, String serial, Instant notAfter, String issuer) {
        static TestCertificate of(TestCaOrder.TestCertificate c) {
            return new TestCertificate(c.keyId(), c.serial(), c.notAfter(), c.issuer());
        }
    }

    /**
     * {@code result} as {@link Document}; the deployment's warnings are those of {@code keys} (read after
     * the deployment), printed on stderr as {@link BackupWarnings#print} does.
     */
    static Document document(String site, String ca, IssueRun.Result result, Supplier<SiteInventory> keys) {
        return new Document(site, ca, result.issued().stream().map(Issued::of).toList(),
                result.failed().stream().map(Failed::of).toList(),
                result.rolledOver().stream().map(KeyEntry::id).toList(),
                result.emergency() == null ? null : new Emergency(result.emergency().promoted().id(),
                        result.emergency().generated().id()),
                notDeployed(result), result.deployed() == null ? null
                        : LifecycleOutput.Document.of(result.deployed(), BackupWarnings.print(keys.get())),
                result.testCertificates().stream().map(TestCertificate::of).toList());
    }

    /**
     * Prints {@code result}: text lines, or with {@code json} the lines meant for a person on stderr and the
     * {@link Document} on stdout; returns the exit code.
     */
    static int print(String site, String ca, IssueRun.Result result, boolean json, Supplier<SiteInventory> keys) {
        PrintStream said = json ? System.err : System.out; // with --json the document is all of stdout
        if (result.dryRun()) {
            result.keys().forEach(k -> said.println("would issue: " + k.role().label() + " key " + k.id() + " by the "
                    + ca + " CA"));
        }
        if (!json) {
            text(site, ca, result, said);
        } else {
            failures(ca, result, said);
            if (result.emergency() != null) {
                said.print(BackupWarnings.exportNow(site, result.emergency().generated().id()));
            }
            Json.print(document(site, ca, result, keys));
            return result.ok() ? ExitCode.OK : ExitCode.REJECTED;
        }
        if (result.deployed() != null) {
            return LifecycleOutput.report(result.deployed(), BackupWarnings.print(keys.get()), false);
        }
        return result.ok() ? ExitCode.OK : ExitCode.REJECTED;
    }

    /** The text lines of {@code result}, but the deployment's. */
    private static void text(String site, String ca, IssueRun.Result result, PrintStream out) {
        for (TestCaOrder.TestCertificate c : result.testCertificates()) {
            out.println("test certificate: key " + c.keyId() + " certified by the test CA (" + c.issuer()
                    + ", serial " + c.serial() + ", valid until " + c.notAfter() + "), checked and discarded");
        }
        for (SiteIssuer.Issued issued : result.issued()) {
            out.println("issued: " + issued.key().role().label() + " key " + issued.key().id() + " by the " + ca
                    + " CA, valid until " + notAfter(issued) + " (" + issued.file() + ")");
        }
        failures(ca, result, out);
        if (result.notDeployed() == IssueRun.NotDeployed.PARTIAL) {
            out.println("not deployed: " + notDeployed(result));
        }
        result.rolledOver().forEach(k -> out.println("rollover: " + k.id() + " is the current key now"));
        if (result.emergency() != null) {
            out.println("emergency: backup " + result.emergency().promoted().id() + " is the current key now");
            out.print(BackupWarnings.exportNow(site, result.emergency().generated().id()));
        }
        if (result.dryRun() && result.notDeployed() == IssueRun.NotDeployed.NOT_ASKED) {
            out.println("would deploy the new certificates");
        }
        if (result.notDeployed() == IssueRun.NotDeployed.NOT_CURRENT) {
            out.println("not deployed: " + notDeployed(result));
        }
    }

    /** One line per key that got no certificate. */
    private static void failures(String ca, IssueRun.Result result, PrintStream out) {
        for (SiteIssuer.Failed f : result.failed()) {
            out.println("failed: " + f.key().role().label() + " key " + f.key().id() + " got no certificate from the "
                    + ca + " CA: " + f.reason().getMessage());
        }
    }

    /** Why nothing was deployed, or null. */
    private static String notDeployed(IssueRun.Result result) {
        if (result.notDeployed() == null) {
            return null;
        }
        return switch (result.notDeployed()) {
            case PARTIAL -> result.failed().size() + " of the keys got no certificate: nothing deployed (the"
                    + " certificates issued are kept; issue again for the others)";
            case NOT_ASKED -> "not asked to deploy";
            case NOT_CURRENT -> "the key is not a current key";
        };
    }

    private static Instant notAfter(SiteIssuer.Issued issued) {
        return issued.certificate().leaf().getNotAfter().toInstant();
    }
}
