/**
 * A site's certificate life on top of the keys, the plan, ACME and deployment: the site's ACME and
 * deployment settings ({@link dev.pinkeeper.lifecycle.AcmeSettings}, {@link dev.pinkeeper.lifecycle.DeploySettings},
 * kept in the site's state folder), what was served when ({@link dev.pinkeeper.lifecycle.ServedHistory}),
 * issuance for the plan's keys ({@link dev.pinkeeper.lifecycle.SiteIssuer}), safe deployment
 * ({@link dev.pinkeeper.lifecycle.SiteDeployer}) and cron-safe renewal ({@link dev.pinkeeper.lifecycle.Renewal}).
 *
 * <pre>
 * STATE/sites/SITE/acme.json            ACME settings (primary and backup CA, challenge, contact)
 * STATE/sites/SITE/deploy.json          deployment settings (target, config file, HSTS)
 * STATE/sites/SITE/served.json          what was served since when (the simulator's scenario format)
 * STATE/sites/SITE/certs/KEYID.pem      the latest certificate chain issued for each key
 * STATE/sites/SITE/accounts/primary/    ACME account key per CA (0700 / 0600)
 * STATE/sites/SITE/deploy/releases/…    releases, and deploy/live → the live one
 * </pre>
 */
package dev.pinkeeper.lifecycle;
