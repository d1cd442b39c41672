package dev.pinkeeper.acme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * dns-01 through a user script: {@code HOOK add DOMAIN TXT_VALUE} before validation and
 * {@code HOOK remove DOMAIN TXT_VALUE} after it. The record to set is {@code _acme-challenge.DOMAIN.}
 * (also given to the hook as {@code PINKEEPER_DNS_RECORD}). The hook must exit 0 only once the
 * record is visible to the CA; its output is quoted when it fails.
 */
public final class Dns01Hook implements ChallengeSolver {
    private final Path hook;
    private final Duration timeout;

    /** @param hook an executable; {@code timeout} bounds each run */
    public Dns01Hook(Path hook, Duration timeout) {
        this.hook = hook;
        this.timeout = timeout;
    }

    @Override
    public String type() {
        return PendingChallenge.DNS_01;
    }

    @Override
    public void publish(PendingChallenge challenge) throws ChallengeException {
        run("add", challenge);
    }

    @Override
    public void remove(PendingChallenge challenge) throws ChallengeException {
        run("remove", challenge);
    }

    private void run(String action, PendingChallenge challenge) throws ChallengeException {
        ProcessBuilder builder = new ProcessBuilder(List.of(hook.toString(), action, challenge.domain(),
                challenge.response())).redirectErrorStream(true);
        builder.environment().put("PINKEEPER_DNS_RECORD", challenge.dnsRecordName());
        String what = "dns-01 hook " + hook + " " + action + " " + challenge.domain();
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new ChallengeException(what + " did not finish within " + timeout);
            }
            if (process.exitValue() != 0) {
                String text = output.join().strip();
                throw new ChallengeException(what + " exited with status " + process.exitValue()
                        + (text.isEmpty() ? "" : ": " + text.lines().reduce((a, b) -> b).orElse("")));
            }
        } catch (IOException e) {
            throw new ChallengeException("cannot run " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChallengeException(what + " interrupted", e);
        }
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
