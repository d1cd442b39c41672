package dev.pinkeeper.acme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.pinkeeper.files.SafeFiles;

/**
 * http-01 through the web server already running: writes the key authorization to
 * {@code WEBROOT/.well-known/acme-challenge/TOKEN} (world-readable, {@link SafeFiles#SERVED_FILE}, so
 * that the server's unprivileged workers can serve it) and deletes it afterwards.
 */
public final class Http01Webroot implements ChallengeSolver {
    private final Path webroot;

    /** @param webroot the directory the web server serves as {@code /} for the domains */
    public Http01Webroot(Path webroot) {
        this.webroot = webroot;
    }

    @Override
    public String type() {
        return PendingChallenge.HTTP_01;
    }

    @Override
    public void publish(PendingChallenge challenge) throws ChallengeException {
        Path file = fileOf(challenge);
        try {
            SafeFiles.createServedDirectories(file.getParent());
            Files.deleteIfExists(file);
            SafeFiles.writeNew(file, challenge.response().getBytes(StandardCharsets.US_ASCII), SafeFiles.SERVED_FILE);
        } catch (IOException e) {
            throw new ChallengeException("cannot write the http-01 response " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void remove(PendingChallenge challenge) throws ChallengeException {
        Path file = fileOf(challenge);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ChallengeException("cannot remove the http-01 response " + file + ": " + e.getMessage(), e);
        }
    }

    private Path fileOf(PendingChallenge challenge) throws ChallengeException {
        String token = challenge.token();
        if (!token.matches("[A-Za-z0-9_-]+")) {
            throw new ChallengeException("refusing an http-01 token that is not base64url: " + token);
        }
        return webroot.resolve(".well-known").resolve("acme-challenge").resolve(token);
    }
}
