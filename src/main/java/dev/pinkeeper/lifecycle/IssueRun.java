package dev.pinkeeper.lifecycle;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.pinkeeper.acme.AccountBinding;
import dev.pinkeeper.acme.IssuanceException;
import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.KeyChange;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.site.SiteLayout;

/**
 * One issue of a site, in the order its steps must come: the keys chosen ({@link #keys}: the current ones,
 * a named key, or those a planned rollover or an emergency makes current, the switch checked), the keys
 * whose certificate from that CA is still valid and not yet due set aside ({@link #due}), then
 * {@link #issue}: the pre-change gate, the account, the certificates ordered, the settings the CA accepted
 * kept, the key switch and the deployment. {@link #dryRun} checks the same and orders nothing.
 */
public final class IssueRun {
    private final KeyInventory inventory;
    private final LifecycleLog log;

    /** An issue run over {@code inventory}, each certificate and deployment reported to {@code log}. */
    public IssueRun(KeyInventory inventory, LifecycleLog log) {
        this.inventory = inventory;
        this.log = log;
    }

    /**
     * What to issue.
     *
     * @param site      the site
     * @param ca        {@code primary} or {@code backup}
     * @param key       {@code current} (every current key) or a key reference (id, pin, {@code backup-N})
     * @param rollover  a planned rollover first: the next keys become current
     * @param emergency a backup key that replaces the current key first, or null
     * @param deploy    whether to deploy what was issued (current keys only)
     * @param at        the time of the change
     */
    public record Request(String site, String ca, String key, boolean rollover, String emergency, boolean deploy,
            Instant at) {
        /** Whether the run changes which key is current. */
        public boolean switching() {
            return rollover || emergency != null;
        }
    }

    /**
     * The settings an issue runs with, each already checked.
     *
     * @param acme    the ACME settings (both CAs as known)
     * @param deploy  the deployment settings, or null when there is nothing to deploy nor to keep
     * @param primary the External Account Binding given now for the primary CA, or null
     * @param backup  the one given now for the backup CA, or null
     * @param cleared the settings forgotten in this run
     */
    public record Settings(AcmeSettings acme, DeploySettings deploy, AccountBinding primary, AccountBinding backup,
            Set<SiteSetting> cleared) {
        /** The binding given now for {@code ca}, or null. */
        public AccountBinding binding(String ca) {
            return "backup".equals(ca) ? backup : primary;
        }
    }

    /**
     * The keys to certify.
     *
     * @param keys    the keys
     * @param serving whether they are (or become, by the run's key switch) the current keys: only then deployed
     */
    public record Keys(List<KeyEntry> keys, boolean serving) {
    }

    /**
     * The keys to order for and those set aside.
     *
     * @param order  the keys to order a certificate for
     * @param notDue the keys whose certificate is kept: valid and not yet due
     * @param none   whether every key asked for is set aside (nothing to order: the issue is refused)
     */
    public record Due(List<KeyEntry> order, List<SiteIssuer.NotDue> notDue, boolean none) {
    }

    /** Why an issue deployed nothing. */
    public enum NotDeployed {
        /** Some keys got no certificate: what was issued is kept, nothing deployed. */
        PARTIAL,
        /** Deploying was not asked for. */
        NOT_ASKED,
        /** The key is not a current key: it was only certified. */
        NOT_CURRENT
    }

    /**
     * What an issue did.
     *
     * @param dryRun           whether it was a dry run (nothing ordered, written or deployed)
     * @param keys             the keys ordered for (a dry run: that would be)
     * @param issued           the certificates issued
     * @param failed           the keys that got none (then {@link NotDeployed#PARTIAL})
     * @param rolledOver       the keys a rollover made current
     * @param emergency        the emergency's key change, or null
     * @param testCertificates a dry run's certificates from a test CA, checked and discarded
     * @param notDeployed      why nothing was deployed, or null when {@code deployed} says how it went
     * @param deployed         the deployment, or null
     */
    public record Result(boolean dryRun, List<KeyEntry> keys, List<SiteIssuer.Issued> issued,
            List<SiteIssuer.Failed> failed, List<KeyEntry> rolledOver, KeyChange emergency,
            List<TestCaOrder.TestCertificate> testCertificates, NotDeployed notDeployed, DeployResult deployed) {
        /** An issue that certified {@code issued}, without a key switch, and deployed them ({@code deployed}). */
        public static Result deployed(List<SiteIssuer.Issued> issued, DeployResult deployed) {
            return new Result(false, issued.stream().map(SiteIssuer.Issued::key).toList(), issued, List.of(),
                    List.of(), null, List.of(), null, deployed);
        }

        /** Whether the certificates went live (or nothing was to be deployed and every key was certified). */
        public boolean ok() {
            return notDeployed == null ? deployed.live() : notDeployed != NotDeployed.PARTIAL;
        }
    }

    /**
     * The keys {@code request} asks for, a rollover or an emergency checked (nothing changed).
     *
     * @throws RefusedStepException when the rollover gate refuses the key switch now
     */
    public Keys keys(Request request) throws InventoryException, PlanException, RefusedStepException {
        KeySwitch keySwitch = new KeySwitch(inventory);
        if (request.rollover()) {
            return new Keys(keySwitch.checkRollover(request.site(), request.at()), true);
        }
        if (request.emergency() != null) {
            return new Keys(List.of(keySwitch.checkEmergency(request.site(), request.emergency(), request.at())), true);
        }
        SiteInventory live = inventory.load(request.site());
        List<KeyEntry> keys = request.key().equals("current") ? live.current() : List.of(live.find(request.key()));
        return new Keys(keys, keys.stream().allMatch(k -> k.role() == KeyRole.CURRENT));
    }

    /**
     * The keys to order for: with {@code force} or a key switch every key, else those whose certificate from
     * the request's CA is not both valid and outside its renewal window (ordering it again only spends the
     * CA's limits).
     */
    public Due due(Request request, Keys keys, AcmeSettings acme, boolean force) throws IOException {
        if (force || request.switching()) {
            return new Due(keys.keys(), List.of(), false);
        }
        List<SiteIssuer.NotDue> notDue = new SiteIssuer(inventory, log).notDue(request.site(), request.ca(),
                keys.keys(), acme, request.at());
        List<KeyEntry> kept = notDue.stream().map(SiteIssuer.NotDue::key).toList();
        return new Due(keys.keys().stream().filter(k -> !kept.contains(k)).toList(), notDue,
                notDue.size() == keys.keys().size());
    }

    /**
     * The issue: {@code gate} opened just before the first change (the account is made at the CA only then),
     * a certificate ordered for each of {@code order}, the ACME settings and bindings kept once the CA issued
     * with them, then the key switch and the deployment; the deployment settings are kept once they deployed
     * (or, when nothing is to be deployed, once issued). When some keys got no certificate nothing else changes.
     *
     * @throws IssuanceException       when no key got a certificate (the CA's first refusal)
     * @throws InvalidSettingException when the account at the CA cannot be made with the settings
     * @throws PinkeeperException      (refused) when the gate does not open: nothing changed
     */
    public Result issue(Request request, Keys keys, List<KeyEntry> order, Settings settings, ChangeGate gate)
            throws IOException, InventoryException, PlanException, RefusedStepException, IssuanceException {
        String site = request.site();
        SiteLayout paths = inventory.layout(site);
        SiteSettingsStore store = new SiteSettingsStore(paths);
        try {
            gate.open(site);
        } catch (Exception e) {
            throw new PinkeeperException(ErrorKind.REFUSED, e.getMessage(), e);
        }
        AccountBinding binding = settings.binding(request.ca());
        SiteIssuer.checkAccount(settings.acme(), request.ca(), paths, binding);
        SiteIssuer.Outcome outcome = new SiteIssuer(inventory, log).withBinding(request.ca(), binding)
                .issueEach(site, request.ca(), order, settings.acme());
        if (outcome.issued().isEmpty() && !outcome.failed().isEmpty()) {
            throw outcome.failed().get(0).reason(); // nothing issued: the CA's refusal
        }
        store.saveAcme(settings.acme()); // the CA issued with these settings: kept for later runs
        AccountBindings.keep(paths, settings.cleared(), settings.primary(), settings.backup());
        boolean deploying = request.deploy() && keys.serving();
        if (!outcome.failed().isEmpty()) {
            saveDeploy(store, settings, !request.deploy());
            return new Result(false, order, outcome.issued(), outcome.failed(), List.of(), null, List.of(),
                    NotDeployed.PARTIAL, null);
        }
        Switched switched = switchKeys(request);
        DeployResult deployed = null;
        if (deploying) { // the deployment settings are kept once they deployed
            deployed = new SiteDeployer(inventory, log).deployKeeping(site, saved -> settings.deploy(), null,
                    request.at());
        } else {
            saveDeploy(store, settings, true);
        }
        NotDeployed notDeployed = deploying ? null : keys.serving() ? NotDeployed.NOT_ASKED : NotDeployed.NOT_CURRENT;
        return new Result(false, order, outcome.issued(), List.of(), switched.rolledOver(), switched.emergency(),
                List.of(), notDeployed, deployed);
    }

    private static void saveDeploy(SiteSettingsStore store, Settings settings, boolean keep) throws IOException {
        if (keep && settings.deploy() != null) {
            store.saveDeploy(settings.deploy());
        }
    }

    /**
     * The dry run of an issue: the keys and the CA checked as an issue checks them (its directory read, its
     * renewal information asked), with {@code testCa} a certificate ordered from that test CA and discarded,
     * the key switch made in the dry run's transaction (rolled back), no deployment.
     */
    public Result dryRun(Request request, Keys keys, AcmeSettings acme, TestCaOrder.TestCa testCa)
            throws InventoryException, IssuanceException, PlanException, RefusedStepException {
        String site = request.site();
        new SiteIssuer(inventory).check(site, request.ca(), keys.keys(), acme);
        List<TestCaOrder.TestCertificate> tested = testCa == null ? List.of()
                : new TestCaOrder(inventory).order(site, keys.keys(), acme, testCa);
        Switched switched = switchKeys(request);
        boolean deploying = request.deploy() && keys.serving();
        return new Result(true, keys.keys(), List.of(), List.of(), switched.rolledOver(), switched.emergency(),
                tested, deploying ? NotDeployed.NOT_ASKED : NotDeployed.NOT_CURRENT, null);
    }

    /** The keys a rollover made current, and an emergency's key change (or null). */
    private record Switched(List<KeyEntry> rolledOver, KeyChange emergency) {
    }

    /** The key switch {@code request} asks for, if any (in a dry run: in its transaction, rolled back). */
    private Switched switchKeys(Request request) throws InventoryException, PlanException, RefusedStepException {
        KeySwitch keySwitch = new KeySwitch(inventory);
        List<KeyEntry> rolledOver = request.rollover() ? keySwitch.rollover(request.site(), request.at()) : List.of();
        KeyChange emergency = request.emergency() == null ? null
                : keySwitch.emergency(request.site(), request.emergency(), request.at());
        return new Switched(rolledOver, emergency);
    }
}
