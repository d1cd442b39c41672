package dev.pinkeeper.acme;

import java.security.KeyPair;
import java.util.List;
import java.util.Objects;

/**
 * One certificate to order in a batch.
 *
 * @param id      the caller's name for it (a site), for results and progress
 * @param key     the key pair to certify
 * @param domains the DNS names
 */
public record IssueRequest(String id, KeyPair key, List<String> domains) {
    public IssueRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        domains = List.copyOf(domains);
    }
}
