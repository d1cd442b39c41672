package dev.pinkeeper.status;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import dev.pinkeeper.acme.RenewalWindow;
import dev.pinkeeper.deploy.Release;
import dev.pinkeeper.deploy.ReleaseStore;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.SiteSelection;
import dev.pinkeeper.lifecycle.DeploySettings;
import dev.pinkeeper.lifecycle.LastRenewal;
import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.lifecycle.SiteSettingsStore;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.PlanView;
import dev.pinkeeper.plan.site.Rotation;
import dev.pinkeeper.read.CertificateChainReader;
import dev.pinkeeper.read.UnreadableInputException;
import dev.pinkeeper.status.StatusWarning.Kind;

/**
 * Reads a site's {@link SiteStatus} from its state directory (keys, plan, certificates, releases, settings,
 * the last renewal) and, when the deploy settings name a probe address, from its server. Changes nothing.
 */
public final class StatusReader {
    /** How long after its renewal window opened a certificate not renewed yet is a warning (renew runs daily). */
    public static final Duration RENEWAL_GRACE = Duration.ofDays(2);

    private final PlanService plans;
    private final KeyInventory inventory;
    private final boolean probe;

    /** A reader of the sites of {@code plans}' inventory that probes the servers with a probe address. */
    public StatusReader(PlanService plans) {
        this(plans, true);
    }

    /** A reader that probes the servers ({@code probe}) or reads the state directory only. */
    public StatusReader(PlanService plans, boolean probe) {
        this.plans = plans;
        this.inventory = plans.inventory();
        this.probe = probe;
    }

    /** The status of every site, by name. */
    public List<SiteStatus> readAll(Instant at) throws InventoryException, PlanException {
        return read(List.of(), at);
    }

    /** The status of each of {@code sites} at {@code at}, in that order; of every site when {@code sites} is empty. */
    public List<SiteStatus> read(List<String> sites, Instant at) throws InventoryException, PlanException {
        List<SiteStatus> all = new ArrayList<>();
        for (String site : SiteSelection.names(inventory, sites)) {
            all.add(read(site, at));
        }
        return all;
    }

    /** The status of {@code site} at {@code at}. */
    public SiteStatus read(String site, Instant at) throws InventoryException, PlanException {
        SiteInventory keys = inventory.load(site);
        SiteLayout paths = inventory.layout(site);
        List<StatusWarning> warnings = new ArrayList<>();
        List<KeyStatus> keyStatuses = keys.keys().stream().map(KeyStatus::of).toList();
        for (KeyEntry backup : keys.onlineBackups()) {
            warnings.add(new StatusWarning(Kind.BACKUP_ONLINE, backup.id(), "the private half of backup key "
                    + backup.id() + " is still on this server: export it offline and remove it from here"));
        }

        PlanStatus plan = null;
        PlanView view = null;
        if (plans.store().live(keys).isPresent()) {
            view = plans.view(site, at);
            plan = plan(view, warnings);
        } else {
            warnings.add(new StatusWarning(Kind.NO_PLAN, null, "site " + site + " has no plan: nothing is pinned"));
        }

        List<CertificateStatus> certificates = new ArrayList<>();
        for (KeyEntry current : keys.current()) {
            CertificateStatus certificate = certificate(paths.certificate(current.id()), current.id());
            certificates.add(certificate);
            certificateWarnings(certificate, at, warnings);
        }

        DeploymentStatus deployment;
        Optional<LastRenewal> renewal;
        try {
            deployment = deployment(paths, keys, view, warnings);
            renewal = LastRenewal.read(inventory, site);
        } catch (IOException e) {
            throw new InventoryException("site " + site + ": " + e.getMessage(), e);
        }
        renewal.filter(LastRenewal::failed).ifPresent(failed -> warnings.add(new StatusWarning(Kind.RENEW_FAILED, null,
                "the last renewal (at " + failed.at() + ") failed: " + failed.message())));
        List<StatusWarning> ordered = new ArrayList<>(warnings.stream().filter(StatusWarning::needsOperator).toList());
        warnings.stream().filter(w -> !w.needsOperator()).forEach(ordered::add);
        return new SiteStatus(site, keys.domains(), at, keyStatuses, plan, certificates, deployment,
                renewal.orElse(null), ordered);
    }

    private static PlanStatus plan(PlanView view, List<StatusWarning> warnings) {
        if (!view.upToDate()) {
            warnings.add(new StatusWarning(Kind.NOT_DEPLOYED, null, view.servedHeaders().isEmpty() && view.stage() == null
                    ? "nothing is recorded as served yet: deploy the site to start its plan"
                    : "the headers the plan serves now are not deployed yet: the next deployment serves them"));
        }
        for (Rotation rotation : view.dueRotations()) {
            if (!rotation.safe()) {
                warnings.add(new StatusWarning(Kind.ROLLOVER_WAITING, rotation.current().id(), rotation.describe(view.at())));
            }
        }
        if (view.retirement() != null) {
            warnings.add(new StatusWarning(Kind.RETIRING, null, view.retirement().describe(view.at())));
        }
        view.warnings().forEach(advice -> warnings.add(new StatusWarning(Kind.ADVICE, null, advice)));
        return new PlanStatus(view.stored().version(), view.stage(), view.servedHeaders(), view.headers(),
                view.upcoming().isEmpty() || view.stage() == null ? null : view.upcoming().get(0), view.rotations(),
                view.retirement(), view.warnings());
    }

    private static CertificateStatus certificate(Path file, String keyId) throws InventoryException {
        if (!Files.exists(file)) {
            return new CertificateStatus(keyId, null, null, null);
        }
        List<X509Certificate> chain;
        try (InputStream in = Files.newInputStream(file)) {
            chain = CertificateChainReader.read(in);
        } catch (IOException | UnreadableInputException e) {
            throw new InventoryException(file + ": unreadable certificate: " + e.getMessage(), e);
        }
        X509Certificate leaf = chain.get(0);
        return new CertificateStatus(keyId, leaf.getSubjectX500Principal().getName(), leaf.getNotAfter().toInstant(),
                RenewalWindow.defaultFor(leaf));
    }

    private static void certificateWarnings(CertificateStatus certificate, Instant at, List<StatusWarning> warnings) {
        String key = certificate.keyId();
        if (!certificate.issued()) {
            warnings.add(new StatusWarning(Kind.CERTIFICATE, key, "current key " + key + " has no certificate yet:"
                    + " issue one"));
        } else if (!at.isBefore(certificate.notAfter())) {
            warnings.add(new StatusWarning(Kind.CERTIFICATE, key, "the certificate of key " + key + " expired at "
                    + certificate.notAfter()));
        } else if (!at.isBefore(certificate.renewal().start().plus(RENEWAL_GRACE))) {
            warnings.add(new StatusWarning(Kind.CERTIFICATE, key, "the certificate of key " + key + " expires at "
                    + certificate.notAfter() + " and was due for renewal from " + certificate.renewal().start()
                    + ": is renew running?"));
        }
    }

    private DeploymentStatus deployment(SiteLayout paths, SiteInventory keys, PlanView view, List<StatusWarning> warnings)
            throws IOException {
        if (!Files.isDirectory(paths.releases())) {
            return null;
        }
        Optional<Release> live = new ReleaseStore(paths).live();
        if (live.isEmpty()) {
            return null;
        }
        DeploySettings settings = new SiteSettingsStore(paths).deploy();
        LinkedHashSet<dev.pinkeeper.pin.Pin> leaves = new LinkedHashSet<>(live.get().leafPins());
        ServerProbe.Answer answer = probe
                ? ServerProbe.probe(settings, keys.domains().get(0), leaves, view == null ? List.of() : view.servedHeaders())
                : new ServerProbe.Answer(null, "not probed");
        if (Boolean.FALSE.equals(answer.follows())) {
            warnings.add(new StatusWarning(Kind.SERVER_DOES_NOT_FOLLOW, live.get().name(), "the server does not serve"
                    + " the live release " + live.get().name() + ": " + answer.detail()));
        }
        return new DeploymentStatus(live.get().name(), settings.target(), List.copyOf(leaves), answer.follows(),
                answer.detail());
    }
}
