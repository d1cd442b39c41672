package dev.pinkeeper.site.archive;

import java.io.IOException;
import java.util.List;

import dev.pinkeeper.acme.AccountBinding;
import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;
import dev.pinkeeper.error.Remedy;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.lifecycle.AccountBindings;
import dev.pinkeeper.lifecycle.AcmeSettings;
import dev.pinkeeper.lifecycle.DeployResult;
import dev.pinkeeper.lifecycle.DeploySettings;
import dev.pinkeeper.lifecycle.InvalidSettingException;
import dev.pinkeeper.lifecycle.LifecycleLog;
import dev.pinkeeper.lifecycle.SiteDeployer;
import dev.pinkeeper.lifecycle.SiteIssuer;
import dev.pinkeeper.lifecycle.SiteSettingsStore;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.site.SiteLayout;

/**
 * A lost site recreated from its offline backups ({@link SiteRecovery}) and, in the same run, its promoted
 * key certified at either of its CAs ({@link SiteIssuer}) and deployed ({@link SiteDeployer}), as an issue
 * does. Everything is checked before the site is recreated: the recovery with the lockout simulator, the
 * ACME settings with the CA's directory read, the binding a CA known to require one, the deployment
 * settings with the server's config. A failure once the site is recreated leaves it recreated (with the
 * settings the CA accepted kept): {@link UnfinishedException} names the operation that continues it.
 */
public final class SiteRecoveryRun {
    private final KeyInventory inventory;
    private final LifecycleLog log;

    public SiteRecoveryRun(KeyInventory inventory, LifecycleLog log) {
        this.inventory = inventory;
        this.log = log;
    }

    /**
     * How the promoted key is certified and deployed.
     *
     * @param ca      {@code primary} or {@code backup}
     * @param acme    the site's ACME settings (both CAs as known)
     * @param binding the External Account Binding for {@code ca}, or null
     * @param deploy  the deployment settings
     */
    public record Certify(String ca, AcmeSettings acme, AccountBinding binding, DeploySettings deploy) {
    }

    /**
     * What the run made.
     *
     * @param recovered the recreated site
     * @param issued    the certificates issued for its current key
     * @param deployed  the deployment (live, or refused / rolled back: {@link DeployResult#live})
     */
    public record Result(SiteRecovery.Recovered recovered, List<SiteIssuer.Issued> issued, DeployResult deployed) {
    }

    /**
     * A recovery run that stopped after the site was recreated: the site stays as recreated.
     */
    public static final class UnfinishedException extends PinkeeperException {
        private final transient SiteRecovery.Recovered recovered;

        UnfinishedException(String site, Remedy.Operation next, SiteRecovery.Recovered recovered, Exception cause) {
            super(cause instanceof PinkeeperException known ? known.kind()
                    : cause instanceof IOException ? ErrorKind.ENVIRONMENT : ErrorKind.INTERNAL,
                    "site " + site + " is recreated, but " + (next == Remedy.Operation.ISSUE ? "its issue"
                            : "its deployment") + " failed: " + cause.getMessage(), cause,
                    List.of(new Remedy.Run(next, site)));
            this.recovered = recovered;
        }

        /** The recreated site. */
        public SiteRecovery.Recovered recovered() {
            return recovered;
        }
    }

    /**
     * Every check of {@link #run}, nothing written: returns the recovery as it would be.
     *
     * @throws RefusedStepException    when the recovery would lock a returning client out
     * @throws InvalidSettingException naming the setting that cannot work (the CA's directory that cannot be read)
     */
    public SiteRecovery.Recovered check(SiteRecovery.Request request, Certify certify)
            throws InventoryException, PlanException, RefusedStepException, IOException {
        SiteRecovery.Recovered preview = new SiteRecovery(inventory).recover(request, true);
        SiteLayout paths = inventory.layout(request.site());
        certify.acme().check().ca(certify.ca());
        SiteIssuer.checkKnownBinding(certify.acme(), certify.ca(), paths, certify.binding());
        SiteIssuer.reach(certify.acme(), certify.ca(), paths);
        SiteDeployer.check(certify.deploy());
        return preview;
    }

    /** What runs once every check passed, just before the site is recreated (the pre-hooks of a run). */
    @FunctionalInterface
    public interface BeforeFirstChange {
        /** Runs it; an exception stops the run before anything is written. */
        void run() throws Exception;
    }

    /** {@link #run(SiteRecovery.Request, Certify, BeforeFirstChange)} with nothing before the first change. */
    public Result run(SiteRecovery.Request request, Certify certify)
            throws InventoryException, PlanException, RefusedStepException, IOException {
        return run(request, certify, () -> { });
    }

    /**
     * Checks everything ({@link #check}), runs {@code before}, recreates the site, issues for its promoted
     * key and deploys it.
     *
     * @throws UnfinishedException when the issue or the deployment failed once the site was recreated
     */
    public Result run(SiteRecovery.Request request, Certify certify, BeforeFirstChange before)
            throws InventoryException, PlanException, RefusedStepException, IOException {
        check(request, certify);
        try {
            before.run();
        } catch (RuntimeException | IOException e) {
            throw e;
        } catch (Exception e) {
            throw new PinkeeperException(ErrorKind.REFUSED, e.getMessage(), e);
        }
        SiteRecovery.Recovered recovered = new SiteRecovery(inventory).recover(request, false);
        String site = request.site();
        SiteLayout paths = inventory.layout(site);
        SiteSettingsStore store = new SiteSettingsStore(paths);
        List<SiteIssuer.Issued> issued;
        try {
            SiteIssuer.checkAccount(certify.acme(), certify.ca(), paths, certify.binding());
            issued = new SiteIssuer(inventory, log).withBinding(certify.ca(), certify.binding())
                    .issue(site, certify.ca(), recovered.inventory().current(), certify.acme());
            store.saveAcme(certify.acme()); // the CA issued with these settings: kept for later runs
            if (certify.binding() != null) {
                AccountBindings.save(paths, certify.ca(), certify.binding());
            }
        } catch (IOException | RuntimeException e) { // an IssuanceException: the CA refused or failed
            throw new UnfinishedException(site, Remedy.Operation.ISSUE, recovered, e);
        }
        DeployResult deployed;
        try {
            // the deployment settings are kept once they deployed
            deployed = new SiteDeployer(inventory, log).deployKeeping(site, saved -> certify.deploy(), null,
                    request.at());
        } catch (IOException | RuntimeException e) {
            throw new UnfinishedException(site, Remedy.Operation.DEPLOY, recovered, e);
        }
        return new Result(recovered, issued, deployed);
    }
}
