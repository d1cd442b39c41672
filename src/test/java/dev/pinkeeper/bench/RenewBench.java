package dev.pinkeeper.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pinkeeper.acme.BatchIssuer;
import dev.pinkeeper.acme.BatchResult;
import dev.pinkeeper.acme.Http01Standalone;
import dev.pinkeeper.acme.IssueRequest;
import dev.pinkeeper.acme.IssuerSettings;
import dev.pinkeeper.files.KeyPairFiles;
import dev.pinkeeper.files.Pem;
import dev.pinkeeper.files.SafeFiles;

/**
 * {@code RenewBench DIRECTORY_URL CA_FILE WORKDIR N CONCURRENCY HTTP_PORT}: orders a certificate for
 * each of N sites ({@code siteI.example.test}) with the key in {@code WORKDIR/siteI/privkey.pem},
 * creating the key on first use and reusing it after, and writes {@code fullchain.pem}. Run once to
 * set up, then again to time renewals. Prints one summary line; exits 1 if any order failed.
 */
public final class RenewBench {
    private RenewBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: RenewBench DIRECTORY_URL CA_FILE WORKDIR N CONCURRENCY HTTP_PORT");
            System.exit(2);
        }
        URI directory = URI.create(args[0]);
        Path caFile = Path.of(args[1]);
        Path work = Path.of(args[2]);
        int n = Integer.parseInt(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        int httpPort = Integer.parseInt(args[5]);

        List<IssueRequest> requests = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Path site = SafeFiles.privateDirectory(work.resolve("site" + i));
            Path keyFile = site.resolve("privkey.pem");
            if (!Files.exists(keyFile)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair key = generator.generateKeyPair();
                SafeFiles.writeNew(keyFile, Pem.privateKey(key.getPrivate()).getBytes(StandardCharsets.US_ASCII),
                        SafeFiles.PRIVATE_FILE);
            }
            requests.add(new IssueRequest("site" + i, KeyPairFiles.read(keyFile), List.of("site" + i + ".example.test")));
        }
        IssuerSettings settings = IssuerSettings.of(directory, work.resolve("account")).withTrustedCa(caFile);
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        List<BatchResult> results;
        try (Http01Standalone solver = new Http01Standalone(new InetSocketAddress("127.0.0.1", httpPort))) {
            results = new BatchIssuer(settings, concurrency).issueAll(requests, solver, r -> {
                int count = done.incrementAndGet();
                if (!r.succeeded()) {
                    System.err.println(r.request().id() + ": " + r.error());
                }
                if (count % 10 == 0 || count == n) {
                    System.err.printf("  %d/%d%n", count, n);
                }
            });
        }
        int failed = 0;
        for (BatchResult result : results) {
            if (result.succeeded()) {
                Path out = work.resolve(result.request().id()).resolve("fullchain.pem");
                Files.deleteIfExists(out);
                Files.writeString(out, Pem.certificates(result.certificate().chain()));
            } else {
                failed++;
            }
        }
        System.out.printf("pinkeeper: %d orders, %d failed, concurrency %d, %.2f s in the batch%n",
                n, failed, concurrency, (System.nanoTime() - start) / 1e9);
        System.exit(failed == 0 ? 0 : 1);
    }
}
