/**
 * A site's certificate life on top of the keys, the plan, ACME and deployment: the site's ACME and
 * deployment settings ({@link dev.pinkeeper.lifecycle.AcmeSettings}, {@link dev.pinkeeper.lifecycle.DeploySettings},
 * kept in the site's state folder), the site's pin plan (what was served when: {@code plan.site.PlanService}),
 * issuance for the plan's keys ({@link dev.pinkeeper.lifecycle.SiteIssuer}), safe deployment
 * ({@link dev.pinkeeper.lifecycle.SiteDeployer}) and cron-safe renewal ({@link dev.pinkeeper.lifecycle.Renewal}).
 *
 * <pre>
 * STATE/sites/SITE/acme.json            ACME settings (primary and backup CA, challenge, contact)
 * STATE/sites/SITE/deploy.json          deployment settings (target, config file, HSTS)
 * STATE/sites/SITE/certs/KEYID.pem      the latest certificate chain issued for each key
 * STATE/sites/SITE/accounts/primary/    ACME account key per CA (0700 / 0600)
 * STATE/sites/SITE/deploy/releases/…    releases, and deploy/live → the live one
 * </pre>
 */
package dev.pinkeeper.lifecycle;
