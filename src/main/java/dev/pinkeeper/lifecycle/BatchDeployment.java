package dev.pinkeeper.lifecycle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.pinkeeper.deploy.ReleaseBatch;
import dev.pinkeeper.deploy.ReleaseContent;
import dev.pinkeeper.deploy.ReleaseSwitch;
import dev.pinkeeper.deploy.SwitchResult;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.site.SiteLock;
import dev.pinkeeper.site.SiteTransaction;

/**
 * {@link SiteDeployer#deployAllIssued}: many sites' deployments checked one by one as {@link SiteDeployer#deployIssued}
 * checks them, under every site's lock (taken by name, so that two batches take them in one order), then switched
 * together per server with one config test and at most one reload ({@link ReleaseBatch#deployAll}).
 */
final class BatchDeployment {
    private final SiteDeployer deployer;
    private final KeyInventory inventory;

    BatchDeployment(SiteDeployer deployer, KeyInventory inventory) {
        this.deployer = deployer;
        this.inventory = inventory;
    }

    List<DeployResult> deployAll(List<SiteDeployer.IssuedDeployment> deployments) {
        DeployResult[] results = new DeployResult[deployments.size()];
        SiteDeployer.Prepared[] prepared = new SiteDeployer.Prepared[deployments.size()];
        Map<List<Object>, List<Integer>> byServer = new LinkedHashMap<>();
        // every site's lock from its first check to the plan's record, as deploy() holds it; by name, so
        // that two batches take them in one order
        Map<String, SiteLock> locks = new TreeMap<>();
        try {
            deployAllLocked(deployments, results, prepared, byServer, locks);
            for (int i = 0; i < results.length; i++) {
                results[i] = deployer.reported(deployments.get(i).site(), deployments.get(i).settings(), results[i]);
            }
        } finally {
            for (SiteLock lock : locks.values()) {
                try {
                    lock.close();
                } catch (Exception e) {
                    // released at the latest when the process ends
                }
            }
        }
        return List.of(results);
    }

    private void deployAllLocked(List<SiteDeployer.IssuedDeployment> deployments, DeployResult[] results,
            SiteDeployer.Prepared[] prepared, Map<List<Object>, List<Integer>> byServer, Map<String, SiteLock> locks) {
        List<SiteDeployer.IssuedDeployment> byName = new ArrayList<>(deployments);
        byName.sort(Comparator.comparing(SiteDeployer.IssuedDeployment::site));
        Map<String, Exception> unlocked = new HashMap<>();
        for (SiteDeployer.IssuedDeployment d : byName) {
            try {
                if (!locks.containsKey(d.site())) {
                    locks.put(d.site(), inventory.lock(d.site()));
                }
            } catch (Exception e) {
                unlocked.put(d.site(), e);
            }
        }
        for (int i = 0; i < deployments.size(); i++) {
            SiteDeployer.IssuedDeployment d = deployments.get(i);
            if (unlocked.containsKey(d.site())) {
                results[i] = failed(unlocked.get(d.site()));
                continue;
            }
            try {
                prepared[i] = deployer.prepare(d.site(), deployer.issuedChains(d.site(), d.settings(), d.at()), d.settings(),
                        d.enforceMaxAge(), d.at());
                if (prepared[i].refusal() != null) {
                    results[i] = prepared[i].refusal();
                } else if (SiteTransaction.dryRun(inventory.layout(d.site()))) {
                    results[i] = SiteDeployer.dryRun(prepared[i].releaseSwitch().dryRun(prepared[i].content()),
                            new ArrayList<>(prepared[i].steps()), prepared[i].pkps());
                } else {
                    byServer.computeIfAbsent(serverKey(d.settings()), k -> new ArrayList<>()).add(i);
                }
            } catch (Exception e) {
                results[i] = failed(e);
            }
        }
        for (List<Integer> group : byServer.values()) {
            List<ReleaseSwitch> switches = new ArrayList<>();
            List<ReleaseContent> contents = new ArrayList<>();
            group.forEach(i -> {
                switches.add(prepared[i].releaseSwitch());
                contents.add(prepared[i].content());
            });
            List<SwitchResult> switched;
            try {
                switched = ReleaseBatch.deployAll(switches, contents);
            } catch (Exception e) {
                group.forEach(i -> results[i] = failed(e));
                continue;
            }
            for (int k = 0; k < group.size(); k++) {
                int i = group.get(k);
                try {
                    results[i] = deployer.finish(prepared[i], switched.get(k));
                } catch (Exception e) {
                    results[i] = failed(e);
                }
            }
        }
    }

    /** The server a site's settings name: the sites with equal keys share one config test and reload. */
    private static List<Object> serverKey(DeploySettings settings) {
        return java.util.Arrays.asList(settings.target(), settings.nginxConf(), settings.nginxOptions(),
                settings.haproxyCfg(), settings.haproxyPidFile(), settings.haproxyMasterSocket(), settings.apacheConf(),
                settings.apacheOptions());
    }

    private static DeployResult failed(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return new DeployResult(DeployResult.Status.FAILED, null, message.lines().findFirst().orElse(message), List.of());
    }
}
