/**
 * A site's certificate life on top of the keys, the plan, ACME and deployment: the site's ACME and
 * deployment settings ({@link dev.pinkeeper.lifecycle.AcmeSettings}, {@link dev.pinkeeper.lifecycle.DeploySettings},
 * kept in the site's state folder), the site's pin plan (what was served when: {@code plan.site.PlanService}),
 * issuance for the plan's keys ({@link dev.pinkeeper.lifecycle.SiteIssuer}), safe deployment
 * ({@link dev.pinkeeper.lifecycle.SiteDeployer}) and cron-safe renewal ({@link dev.pinkeeper.lifecycle.Renewal}).
 * Every file of a site is named by {@link dev.pinkeeper.site.SiteLayout}.
 */
package dev.pinkeeper.lifecycle;
