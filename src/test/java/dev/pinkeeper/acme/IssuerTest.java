package dev.pinkeeper.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.files.KeyPairFiles;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.testing.Pebble;
import dev.pinkeeper.testing.TestPki;

/** Issuance from two real pebble CAs (challenges always valid): given keys, dual keys, a backup CA. */
class IssuerTest {
    @TempDir
    static Path dir;
    static Pebble primary;
    static Pebble backup;

    @BeforeAll
    static void startCas() {
        primary = Pebble.start(dir.resolve("primary"), Pebble.Options.alwaysValid());
        backup = Pebble.start(dir.resolve("backup"), Pebble.Options.alwaysValid());
    }

    @AfterAll
    static void stopCas() {
        if (primary != null) {
            primary.close();
        }
        if (backup != null) {
            backup.close();
        }
    }

    static Issuer issuerFor(Pebble pebble, Path accountDir) {
        return new Issuer(IssuerSettings.of(pebble.directoryUrl(), accountDir).withTrustedCa(pebble.tlsCaFile()));
    }

    static Pin pinOf(KeyPair key) {
        return Pin.ofSpki(key.getPublic().getEncoded());
    }

    @Test
    void certifiesTheGivenEcKeyForAllDomains() throws Exception {
        KeyPair key = TestPki.ecKey();
        RecordingSolver solver = new RecordingSolver();
        IssuedCertificate cert = issuerFor(primary, dir.resolve("acct-ec"))
                .issue(key, List.of("ec.example.test", "www.ec.example.test"), solver);

        assertThat(cert.leafPin()).isEqualTo(pinOf(key));
        assertThat(cert.leaf().getSubjectAlternativeNames())
                .extracting(san -> (Object) san.get(1)).containsExactlyInAnyOrder("ec.example.test", "www.ec.example.test");
        assertThat(cert.chain()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(Chains.validatesTo(cert.chain(), primary.root())).isTrue();
        assertThat(solver.published).extracting(PendingChallenge::domain)
                .containsExactlyInAnyOrder("ec.example.test", "www.ec.example.test");
        assertThat(solver.removed).containsExactlyInAnyOrderElementsOf(solver.published);
        assertThat(solver.published).allSatisfy(c -> assertThat(c.response()).startsWith(c.token() + "."));
    }

    @Test
    void dualCertificatesForAnRsaAndAnEcKey() throws Exception {
        KeyPair rsa = TestPki.rsaKey();
        KeyPair ec = TestPki.ecKey();
        Issuer issuer = issuerFor(primary, dir.resolve("acct-dual"));
        List<String> domains = List.of("dual.example.test");
        IssuedCertificate rsaCert = issuer.issue(rsa, domains, new RecordingSolver());
        IssuedCertificate ecCert = issuer.issue(ec, domains, new RecordingSolver());

        assertThat(rsaCert.leafPin()).isEqualTo(pinOf(rsa));
        assertThat(ecCert.leafPin()).isEqualTo(pinOf(ec));
        assertThat(rsaCert.leaf().getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(ecCert.leaf().getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(rsaCert.leafPin()).isNotEqualTo(ecCert.leafPin());
    }

    @Test
    void renewingKeepsTheKey() throws Exception {
        KeyPair key = TestPki.ecKey();
        Issuer issuer = issuerFor(primary, dir.resolve("acct-renew"));
        IssuedCertificate first = issuer.issue(key, List.of("renew.example.test"), new RecordingSolver());
        IssuedCertificate second = issuer.issue(key, List.of("renew.example.test"), new RecordingSolver());

        assertThat(second.leaf().getSerialNumber()).isNotEqualTo(first.leaf().getSerialNumber());
        assertThat(second.leafPin()).isEqualTo(first.leafPin()).isEqualTo(pinOf(key));
    }

    @Test
    void backupCaIssuesUnderADifferentRoot() throws Exception {
        KeyPair key = TestPki.ecKey();
        IssuedCertificate fromPrimary = issuerFor(primary, dir.resolve("acct-p"))
                .issue(key, List.of("backup.example.test"), new RecordingSolver());
        IssuedCertificate fromBackup = issuerFor(backup, dir.resolve("acct-b"))
                .issue(key, List.of("backup.example.test"), new RecordingSolver());

        X509Certificate primaryRoot = primary.root();
        X509Certificate backupRoot = backup.root();
        assertThat(primaryRoot.getPublicKey()).isNotEqualTo(backupRoot.getPublicKey());
        assertThat(Chains.validatesTo(fromBackup.chain(), backupRoot)).isTrue();
        assertThat(Chains.validatesTo(fromBackup.chain(), primaryRoot)).isFalse();
        assertThat(Chains.validatesTo(fromPrimary.chain(), primaryRoot)).isTrue();
        assertThat(fromBackup.leafPin()).isEqualTo(fromPrimary.leafPin());
    }

    @Test
    void accountKeyIsCreatedOncePrivately() throws Exception {
        Path accountDir = dir.resolve("state").resolve("acme-primary");
        issuerFor(primary, accountDir).issue(TestPki.ecKey(), List.of("acct.example.test"), new RecordingSolver());
        Path keyFile = accountDir.resolve(AccountKeys.FILE_NAME);
        String first = Files.readString(keyFile);
        issuerFor(primary, accountDir).issue(TestPki.ecKey(), List.of("acct.example.test"), new RecordingSolver());

        assertThat(Files.readString(keyFile)).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(accountDir))).isEqualTo("rwx------");
    }

    @Test
    void aLaterRunLogsInWithTheKeptAccountUrlWithoutAskingTheCaAgain() throws Exception {
        Path accountDir = dir.resolve("acct-url");
        issuerFor(primary, accountDir).issue(TestPki.ecKey(), List.of("url.example.test"), new RecordingSolver());
        Path kept = accountDir.resolve(KeptAccount.FILE_NAME);
        assertThat(Files.readAllLines(kept)).hasSize(3).first().isEqualTo(primary.directoryUrl().toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-------");
        long accounts = newAccountRequests();

        // a later run (a new issuer, as a new process makes): no newAccount request
        IssuedCertificate again = issuerFor(primary, accountDir)
                .issue(TestPki.ecKey(), List.of("url.example.test"), new RecordingSolver());
        assertThat(again.chain()).isNotEmpty();
        assertThat(newAccountRequests()).isEqualTo(accounts);
    }

    @Test
    void anAccountUrlTheCaDoesNotKnowIsForgottenAndTheAccountLookedUpAgain() throws Exception {
        Path accountDir = dir.resolve("acct-stale");
        issuerFor(primary, accountDir).issue(TestPki.ecKey(), List.of("stale.example.test"), new RecordingSolver());
        Path kept = accountDir.resolve(KeptAccount.FILE_NAME);
        List<String> lines = Files.readAllLines(kept);
        String real = lines.get(1);
        // as after the CA lost its accounts: the kept URL names an account it does not know
        String unknown = real.substring(0, real.lastIndexOf('/') + 1) + "999999999";
        Files.write(kept, List.of(lines.get(0), unknown, lines.get(2)));
        long accounts = newAccountRequests();

        IssuedCertificate cert = issuerFor(primary, accountDir)
                .issue(TestPki.ecKey(), List.of("stale.example.test"), new RecordingSolver());
        assertThat(cert.chain()).isNotEmpty();
        assertThat(newAccountRequests()).isGreaterThan(accounts); // more than one: a rejected nonce
        assertThat(Files.readAllLines(kept).get(1)).isEqualTo(real);
    }

    @Test
    void anAccountUrlKeptForAnotherKeyIsNotUsed() throws Exception {
        Path accountDir = dir.resolve("acct-rolled");
        issuerFor(primary, accountDir).issue(TestPki.ecKey(), List.of("rolled.example.test"), new RecordingSolver());
        Path kept = accountDir.resolve(KeptAccount.FILE_NAME);
        List<String> lines = Files.readAllLines(kept);
        // the URL kept for an older key (rolled over since): the CA is asked again with the key kept now
        Files.write(kept, List.of(lines.get(0), lines.get(1), pinOf(TestPki.ecKey()).base64()));
        long accounts = newAccountRequests();

        issuerFor(primary, accountDir).issue(TestPki.ecKey(), List.of("rolled.example.test"), new RecordingSolver());
        assertThat(newAccountRequests()).isGreaterThan(accounts); // more than one: a rejected nonce
        assertThat(Files.readAllLines(kept)).isEqualTo(lines);
    }

    /** How many newAccount requests the primary CA answered so far (pebble logs each request). */
    static long newAccountRequests() {
        return dev.pinkeeper.rehearse.LocalProcess.readLog(dir.resolve("primary").resolve("pebble.log")).lines()
                .filter(line -> line.contains("POST /sign-me-up")).count();
    }

    @Test
    void issuesForAKeyReadFromAnOpensslKeyFile() throws Exception {
        Path keyFile = dir.resolve("openssl-rsa.pem");
        run("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", keyFile.toString());
        String opensslPin = run("sh", "-c", "openssl pkey -in " + keyFile
                + " -pubout -outform DER | openssl dgst -sha256 -binary | openssl base64").strip();

        IssuedCertificate cert = issuerFor(primary, dir.resolve("acct-file"))
                .issue(KeyPairFiles.read(keyFile), List.of("file.example.test"), new RecordingSolver());

        assertThat(cert.leafPin().base64()).isEqualTo(opensslPin);
    }

    @Test
    void renewalWindowFallsBackToTheLastThirdWithoutAri() throws Exception {
        Issuer issuer = issuerFor(primary, dir.resolve("acct-ari"));
        IssuedCertificate cert = issuer.issue(TestPki.ecKey(), List.of("ari.example.test"), new RecordingSolver());
        RenewalWindow window = issuer.renewalWindow(cert.leaf());

        assertThat(issuer.offersRenewalInfo()).isFalse(); // pebble 2.4 has no renewalInfo in its directory
        assertThat(window.source()).isEqualTo(RenewalWindow.Source.DEFAULT);
        Duration lifetime = Duration.between(cert.leaf().getNotBefore().toInstant(), cert.leaf().getNotAfter().toInstant());
        assertThat(Duration.between(window.start(), window.end()).minus(lifetime.dividedBy(3)).abs())
                .isLessThan(Duration.ofMillis(1));
        assertThat(window.isDue(cert.leaf().getNotBefore().toInstant())).isFalse();
        assertThat(window.isDue(cert.leaf().getNotAfter().toInstant())).isTrue();
    }

    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }
}
