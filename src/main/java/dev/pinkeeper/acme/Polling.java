package dev.pinkeeper.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * Waits for an ACME resource to reach a status: honours the CA's {@code Retry-After}, and without
 * one polls after 100 ms, doubling up to 2 s (acme4j's own wait sleeps 3 s at a time, which makes a
 * fast CA look slow).
 */
final class Polling {
    private static final Duration FIRST = Duration.ofMillis(100);
    private static final Duration LONGEST = Duration.ofSeconds(2);

    private Polling() {
    }

    static Status await(PollableResource resource, Set<Status> done, Duration timeout)
            throws AcmeException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Duration delay = FIRST;
        while (true) {
            Optional<Instant> retryAfter = resource.fetch();
            Status status = resource.getStatus();
            if (done.contains(status)) {
                return status;
            }
            Instant now = Instant.now();
            if (now.isAfter(deadline)) {
                throw new AcmeException("still " + status + " after " + timeout);
            }
            Duration wait = retryAfter.map(at -> Duration.between(now, at)).filter(d -> !d.isNegative()).orElse(delay);
            Duration remaining = Duration.between(now, deadline);
            Thread.sleep(Math.max(1, Math.min(wait.toMillis(), remaining.toMillis())));
            delay = delay.multipliedBy(2).compareTo(LONGEST) > 0 ? LONGEST : delay.multipliedBy(2);
        }
    }
}
