package dev.pinkeeper.acme;

import dev.pinkeeper.keys.CertificateRequests;
import dev.pinkeeper.keys.InventoryException;
import java.io.IOException;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Metadata;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;

/**
 * Orders certificates from one ACME CA for key pairs the caller holds.
 *
 * <pre>{@code
 * Issuer issuer = new Issuer(IssuerSettings.of(AcmeDirectories.resolve("letsencrypt"), stateDir.resolve("acme")));
 * try (ChallengeSolver solver = new Http01Webroot(Path.of("/var/www/html"))) {
 *     IssuedCertificate cert = issuer.issue(siteKey, List.of("example.com", "www.example.com"), solver);
 * }
 * }</pre>
 *
 * The CSR is always signed by the given key pair, with every domain as a subject alternative name:
 * the certificate certifies exactly the key whose pin was published, never a fresh random key.
 * A rejected nonce ({@code badNonce}) is retried (acme4j retries each request; a whole order is
 * retried up to {@value #ATTEMPTS} times if one still escapes). One Issuer may be used from one
 * thread at a time; use one per thread for concurrent orders.
 */
public final class Issuer {
    /** How many times an order is tried when the CA keeps rejecting nonces. */
    public static final int ATTEMPTS = 3;
    private static final URI BAD_NONCE = URI.create("urn:ietf:params:acme:error:badNonce");
    private static final URI ACCOUNT_DOES_NOT_EXIST = URI.create("urn:ietf:params:acme:error:accountDoesNotExist");

    private final IssuerSettings settings;
    private final AcmeSessions sessions;
    private Session session;
    private Login login;
    private boolean loginFromKeptUrl;

    public Issuer(IssuerSettings settings) {
        this(settings, null);
    }

    /** An issuer that takes its session from {@code sessions} (shared across sites; null: its own). */
    public Issuer(IssuerSettings settings, AcmeSessions sessions) {
        this.settings = settings;
        this.sessions = sessions;
    }

    /** The settings this issuer was made with. */
    public IssuerSettings settings() {
        return settings;
    }

    /**
     * Orders a certificate for {@code domainKey} covering {@code domains}, answering every pending
     * authorization with {@code solver}.
     *
     * @param domainKey the key pair to certify (its private key signs the CSR)
     * @param domains   DNS names, the first one also the subject CN; {@code *.name} needs dns-01
     * @return the issued chain, leaf first
     */
    public IssuedCertificate issue(KeyPair domainKey, List<String> domains, ChallengeSolver solver)
            throws IssuanceException {
        return issue(domainKey, domains, solver, null);
    }

    /**
     * {@link #issue(KeyPair, List, ChallengeSolver)} for a renewal: where the CA offers ACME Renewal
     * Information the order says which certificate it {@code replaces} (RFC 9773 §5), so that the CA can
     * relate them (and exempt the renewal from some rate limits).
     *
     * @param replaced the certificate this one replaces, or null
     * @throws RateLimitedException     when the CA answers {@code rateLimited} (with its Retry-After)
     * @throws AccountBindingException  when the account cannot be created for want of a valid External Account Binding
     */
    public IssuedCertificate issue(KeyPair domainKey, List<String> domains, ChallengeSolver solver,
            X509Certificate replaced) throws IssuanceException {
        List<String> names = normalize(domains);
        byte[] csr;
        try {
            csr = CertificateRequests.create(names, domainKey);
        } catch (InventoryException e) {
            throw new IssuanceException(e.getMessage(), e);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return order(names, csr, solver, replaced);
            } catch (AcmeRateLimitedException e) {
                throw rateLimited("the CA " + settings.directory() + " refused the order for " + names, e);
            } catch (AcmeServerException e) {
                if (forgetUnknownAccount(e)) {
                    attempt--; // the order was refused for the account alone: once more, with a new login
                    continue;
                }
                if (!BAD_NONCE.equals(e.getType()) || attempt >= ATTEMPTS) {
                    throw new IssuanceException("the CA " + settings.directory() + " refused the order for "
                            + names + ": " + describe(e.getProblem()), e);
                }
            } catch (AcmeException e) {
                throw new IssuanceException("ACME order for " + names + " at " + settings.directory()
                        + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IssuanceException("interrupted while ordering " + names, e);
            }
        }
    }

    /**
     * When {@code certificate} should be renewed: the CA's ACME Renewal Information (RFC 9773) where
     * its directory offers {@code renewalInfo}, else {@link RenewalWindow#defaultFor the default window}
     * (also when the CA cannot be reached or gives no usable answer: the certificate itself is enough
     * to decide). ARI is an unauthenticated GET: no account is created for it.
     */
    public RenewalWindow renewalWindow(X509Certificate certificate) {
        try {
            Session current = session();
            if (current.resourceUrlOptional(Resource.RENEWAL_INFO).isPresent()) {
                Login reader = login != null ? login
                        : current.login(settings.directory().toURL(), AccountKeys.ephemeralKey());
                RenewalInfo info = reader.bindRenewalInfo(certificate);
                Instant start = info.getSuggestedWindowStart();
                return new RenewalWindow(start, info.getSuggestedWindowEnd(), RenewalWindow.Source.ARI,
                        info.getRetryAfter().orElse(null));
            }
        } catch (AcmeException | IOException | RuntimeException e) {
            // no ARI answer: the default window is a safe answer
        }
        return RenewalWindow.defaultFor(certificate);
    }

    /**
     * Reads the CA's ACME directory (with the settings' TLS trust), creating no account: proves the URL
     * names an ACME server that can be reached and trusted.
     *
     * @throws IssuanceException when it cannot be read
     */
    public void checkDirectory() throws IssuanceException {
        try {
            session().resourceUrl(Resource.NEW_ORDER);
        } catch (AcmeException | IOException | RuntimeException e) {
            throw new IssuanceException("cannot read the ACME directory " + settings.directory() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /** Whether the CA's directory offers ACME Renewal Information. */
    public boolean offersRenewalInfo() throws IssuanceException {
        try {
            return session().resourceUrlOptional(Resource.RENEWAL_INFO).isPresent();
        } catch (AcmeException | IOException e) {
            throw new IssuanceException("cannot read the ACME directory " + settings.directory() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The certificate profiles the CA's directory offers ({@code meta.profiles}; empty when none). */
    public Set<String> offeredProfiles() throws IssuanceException {
        try {
            return new TreeSet<>(session().getMetadata().getProfiles());
        } catch (AcmeException | IOException e) {
            throw new IssuanceException("cannot read the ACME directory " + settings.directory() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Whether creating an account at this CA needs an External Account Binding: its directory says so
     * ({@code meta.externalAccountRequired}) or it is one {@link AcmeDirectories#requiresBinding known} to.
     */
    public boolean requiresBinding() throws IssuanceException {
        if (AcmeDirectories.requiresBinding(settings.directory())) {
            return true;
        }
        try {
            Metadata meta = session().getMetadata();
            return meta.isExternalAccountRequired();
        } catch (AcmeException | IOException e) {
            throw new IssuanceException("cannot read the ACME directory " + settings.directory() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Whether an account key is kept for this CA already (the account was created). */
    public boolean hasAccount() throws IOException {
        return AccountKeys.load(settings.accountDirectory()).isPresent();
    }

    /**
     * Logs in to the account, creating it the first time (with the settings' binding): the account key is
     * kept only once the CA created the account, so a refused binding leaves nothing behind.
     *
     * @throws AccountBindingException when the CA requires a binding and none was given, or refuses the one given
     */
    public void checkAccount() throws IssuanceException {
        try {
            account();
        } catch (AcmeException e) {
            throw new IssuanceException("cannot create or use the ACME account at " + settings.directory() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The logged-in account (created the first time), for {@link AccountChanges}. */
    Login account() throws IssuanceException, AcmeException {
        try {
            return login();
        } catch (IOException e) {
            throw new IssuanceException("cannot use the ACME account key in " + settings.accountDirectory()
                    + ": " + e.getMessage(), e);
        }
    }

    private IssuedCertificate order(List<String> names, byte[] csr, ChallengeSolver solver, X509Certificate replaced)
            throws AcmeException, InterruptedException, IssuanceException {
        Login account = account();
        OrderBuilder builder = account.newOrder().domains(names);
        if (settings.profile() != null) {
            builder.profile(settings.profile());
        }
        if (replaced != null && account.getSession().resourceUrlOptional(Resource.RENEWAL_INFO).isPresent()) {
            builder.replaces(replaced);
        }
        Order order = builder.create();
        for (Authorization authorization : order.getAuthorizations()) {
            if (authorization.getStatus() != Status.VALID) {
                authorize(authorization, solver);
            }
        }
        Status ready = Polling.await(order, EnumSet.of(Status.READY, Status.INVALID, Status.VALID), settings.timeout());
        if (ready != Status.READY) {
            throw new IssuanceException("the order for " + names + " is " + ready + ", not ready: "
                    + order.getError().map(Issuer::describe).orElse("no reason given"));
        }
        order.execute(csr);
        Status done = Polling.await(order, EnumSet.of(Status.VALID, Status.INVALID), settings.timeout());
        if (done != Status.VALID) {
            throw new IssuanceException("the order for " + names + " ended " + done + ": "
                    + order.getError().map(Issuer::describe).orElse("no reason given"));
        }
        Certificate certificate = order.getCertificate();
        return new IssuedCertificate(certificate.getCertificateChain(), certificate.getLocation());
    }

    private void authorize(Authorization authorization, ChallengeSolver solver)
            throws AcmeException, InterruptedException, IssuanceException {
        String domain = authorization.getIdentifier().getDomain();
        Optional<Challenge> found = authorization.findChallenge(solver.type());
        if (found.isEmpty()) {
            throw new IssuanceException("the CA offers no " + solver.type() + " challenge for " + domain
                    + (authorization.isWildcard() ? " (wildcards need dns-01)" : ""));
        }
        Challenge challenge = found.get();
        PendingChallenge pending = pending(domain, challenge);
        try {
            solver.publish(pending);
        } catch (ChallengeException e) {
            throw new IssuanceException(e.getMessage(), e);
        }
        try {
            challenge.trigger();
            Status status = Polling.await(challenge, EnumSet.of(Status.VALID, Status.INVALID), settings.timeout());
            if (status != Status.VALID) {
                throw new IssuanceException(solver.type() + " validation of " + domain + " failed: "
                        + challenge.getError().map(Issuer::describe).orElse("status " + status));
            }
        } finally {
            try {
                solver.remove(pending);
            } catch (ChallengeException e) {
                // the response stays published; harmless, and the next publish replaces it
            }
        }
    }

    private static PendingChallenge pending(String domain, Challenge challenge) {
        if (challenge instanceof Http01Challenge http) {
            return new PendingChallenge(PendingChallenge.HTTP_01, domain, http.getToken(), http.getAuthorization());
        }
        if (challenge instanceof Dns01Challenge dns) {
            return new PendingChallenge(PendingChallenge.DNS_01, domain, "", dns.getDigest());
        }
        throw new IllegalStateException("unsupported challenge type " + challenge.getType());
    }

    synchronized Session session() throws IOException {
        if (session == null) {
            session = sessions == null ? newSession(settings) : sessions.session(settings);
        }
        return session;
    }

    /** A new session with the CA of {@code settings}, trusting its TLS as they say. */
    static Session newSession(IssuerSettings settings) throws IOException {
        return settings.trustedCaFile() == null
                ? new Session(settings.directory())
                : new Session(settings.directory(), new TrustingAcmeProvider(settings.trustedCaFile()));
    }

    private synchronized Login login() throws IOException, AcmeException, IssuanceException {
        if (login == null) {
            Optional<KeyPair> kept = AccountKeys.load(settings.accountDirectory());
            if (kept.isPresent()) {
                Optional<java.net.URL> account = KeptAccount.read(settings.accountDirectory(), settings.directory(),
                        kept.get());
                if (account.isPresent()) {
                    // the account's URL kept by an earlier login: no newAccount request
                    login = session().login(account.get(), kept.get());
                    loginFromKeptUrl = true;
                    return login;
                }
            }
            KeyPair accountKey = kept.orElseGet(AccountKeys::ephemeralKey);
            AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey);
            settings.contactEmails().forEach(builder::addEmail);
            if (settings.binding() != null) {
                builder.withKeyIdentifier(settings.binding().keyId(), settings.binding().encodedMacKey());
            }
            Login created;
            try {
                created = builder.createLogin(session());
            } catch (AcmeRateLimitedException e) {
                throw rateLimited("the CA " + settings.directory() + " refused to create the account", e);
            } catch (AcmeServerException e) {
                throw bindingProblem(e).orElseThrow(() -> e);
            }
            if (kept.isEmpty()) {
                KeyPair saved = AccountKeys.saveNew(settings.accountDirectory(), accountKey);
                if (!saved.equals(accountKey)) {
                    // another run kept its account key first: use that account
                    return login();
                }
            }
            KeptAccount.write(settings.accountDirectory(), settings.directory(), accountKey,
                    created.getAccountLocation());
            login = created;
            loginFromKeptUrl = false;
        }
        return login;
    }

    /**
     * Whether {@code e} says the CA does not know the account of a login made from its kept URL (the CA's
     * database was reset, or the URL is stale): that URL is forgotten, and the next login asks the CA again.
     */
    private synchronized boolean forgetUnknownAccount(AcmeServerException e) throws IssuanceException {
        if (!loginFromKeptUrl || !ACCOUNT_DOES_NOT_EXIST.equals(e.getType())) {
            return false;
        }
        try {
            KeptAccount.forget(settings.accountDirectory());
        } catch (IOException io) {
            throw new IssuanceException("cannot forget the stale ACME account URL in " + settings.accountDirectory()
                    + ": " + io.getMessage(), io);
        }
        login = null;
        loginFromKeptUrl = false;
        return true;
    }

    /** The account could not be created because of the binding: missing where required, or refused. */
    private Optional<AccountBindingException> bindingProblem(AcmeServerException e) {
        String type = String.valueOf(e.getType());
        if (type.endsWith(":externalAccountRequired")) {
            return Optional.of(new AccountBindingException("the CA " + settings.directory()
                    + " requires an External Account Binding (a key id and HMAC key from the CA) to create the"
                    + " account: " + describe(e.getProblem()), true, e));
        }
        if (settings.binding() != null && (type.endsWith(":unauthorized") || type.endsWith(":malformed")
                || type.endsWith(":badSignatureAlgorithm"))) {
            return Optional.of(new AccountBindingException("the CA " + settings.directory()
                    + " refused the External Account Binding for key id " + settings.binding().keyId() + ": "
                    + describe(e.getProblem()), false, e));
        }
        return Optional.empty();
    }

    private static RateLimitedException rateLimited(String what, AcmeRateLimitedException e) {
        Instant retryAfter = e.getRetryAfter().orElse(null);
        return new RateLimitedException(what + ": rate limited (" + describe(e.getProblem()) + ")"
                + (retryAfter == null ? "" : "; retry after " + retryAfter), retryAfter, e);
    }

    static List<String> normalize(List<String> domains) {
        Set<String> names = new LinkedHashSet<>();
        for (String domain : domains) {
            String name = domain.strip().toLowerCase(Locale.ROOT);
            if (name.endsWith(".")) {
                name = name.substring(0, name.length() - 1);
            }
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty domain name");
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a certificate needs at least one domain");
        }
        return List.copyOf(names);
    }

    static String describe(Problem problem) {
        String detail = problem.getDetail().orElse(problem.getTitle().orElse(""));
        return (problem.getType() + " " + detail).strip();
    }
}
