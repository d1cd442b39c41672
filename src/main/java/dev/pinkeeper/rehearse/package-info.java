/**
 * {@code pinkeeper rehearse}: the whole life of a pinned site on one machine, against local
 * programs started on free loopback ports and stopped by their PID — two pebble ACME CAs
 * ({@link dev.pinkeeper.rehearse.LocalPebble}), nginx ({@link dev.pinkeeper.rehearse.LocalNginx}) and
 * curl — driven by {@link dev.pinkeeper.rehearse.Rehearsal} on a simulated clock through the library
 * behind {@code plan init}, {@code issue}, {@code deploy}, {@code renew} and {@code plan emergency};
 * after each deployment the live server is compared with the plan ({@code PlanCheck}: what
 * {@code verify --site} checks) and checked independently with {@code curl --pinnedpubkey}
 * ({@code CurlCheck}).
 */
package dev.pinkeeper.rehearse;

import dev.pinkeeper.lifecycle.Programs;
