package dev.pinkeeper.acme;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Orders many certificates from one CA with bounded concurrency: each worker thread has its own
 * {@link Issuer} (the account key is shared), and the failure of one order does not stop the
 * others. The solver is shared by all workers, so it must be thread-safe (the webroot, standalone
 * and dns-01 hook solvers are); the caller closes it after the batch.
 */
public final class BatchIssuer {
    private final IssuerSettings settings;
    private final int concurrency;

    /** @param concurrency how many orders run at once (at least 1) */
    public BatchIssuer(IssuerSettings settings, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        this.settings = settings;
        this.concurrency = concurrency;
    }

    /**
     * Orders every request; {@code progress} is called (from worker threads) as each one ends.
     *
     * @return one result per request, in the order of the requests
     */
    public List<BatchResult> issueAll(List<IssueRequest> requests, ChallengeSolver solver,
            Consumer<BatchResult> progress) throws InterruptedException {
        ThreadLocal<Issuer> issuers = ThreadLocal.withInitial(() -> new Issuer(settings));
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, Math.max(1, requests.size())));
        try {
            List<Future<BatchResult>> futures = new ArrayList<>();
            for (IssueRequest request : requests) {
                futures.add(pool.submit(() -> {
                    BatchResult result = issueOne(issuers.get(), request, solver);
                    progress.accept(result);
                    return result;
                }));
            }
            List<BatchResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    results.add(new BatchResult(requests.get(i), null, String.valueOf(e.getCause()), Duration.ZERO));
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static BatchResult issueOne(Issuer issuer, IssueRequest request, ChallengeSolver solver) {
        long start = System.nanoTime();
        try {
            IssuedCertificate certificate = issuer.issue(request.key(), request.domains(), solver);
            return new BatchResult(request, certificate, null, Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException e) { // an IssuanceException among them
            return new BatchResult(request, null, e.getMessage(), Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
