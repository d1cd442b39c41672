package dev.pinkeeper.verify;

import java.time.Instant;
import java.util.Collection;

import dev.pinkeeper.pin.Pin;

/**
 * One live check of a site: fetch what it serves ({@link LiveFetcher}) and verify that ({@link LiveVerifier}),
 * against expected pins or against what its plan says it serves ({@link ExpectedServing}), in one call giving
 * one {@link LiveReport}.
 */
public final class LiveCheck {
    private final LiveFetcher fetcher;
    private final LiveVerifier verifier;

    public LiveCheck(LiveFetcher fetcher, LiveVerifier verifier) {
        this.fetcher = fetcher;
        this.verifier = verifier;
    }

    /**
     * Fetches {@code site} and checks it at {@code at} ({@link LiveVerifier#verify(LiveResponse, Collection, Instant)}).
     *
     * @param expectedPins the pins every served pin header must hold exactly, or null not to compare
     * @throws FetchException when the site cannot be read
     */
    public LiveReport check(SiteAddress site, Collection<Pin> expectedPins, Instant at) throws FetchException {
        return verifier.verify(fetcher.fetch(site), expectedPins, at);
    }

    /**
     * Fetches {@code site} and checks it at {@code at} against what its plan says it serves
     * ({@link LiveVerifier#verifyAgainst}).
     *
     * @throws FetchException when the site cannot be read
     */
    public LiveReport checkAgainst(SiteAddress site, ExpectedServing expected, Instant at) throws FetchException {
        return verifier.verifyAgainst(fetcher.fetch(site), expected, at);
    }
}
