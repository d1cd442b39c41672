package dev.pinkeeper.deploy;

import dev.pinkeeper.server.Haproxy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.pin.Pin;

/** Release directories: complete, private where they hold keys, never overwritten. */
class ReleaseStoreTest {
    @TempDir
    Path dir;

    static final Instant NOW = Instant.parse("2026-11-22T19:33:00.123Z");

    ReleaseStore store() {
        return new ReleaseStore(dir.resolve("site"), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void writesEveryFileWithTheRightModes() throws Exception {
        SelfSigned cert = SelfSigned.ec("release.example.test");
        List<Header> headers = List.of(new Header("Public-Key-Pins", "pin-sha256=\"" + cert.pin().base64()
                + "\"; max-age=600"), new Header("Strict-Transport-Security", "max-age=31536000"));
        Release release = store().create(new ReleaseContent(List.of(cert.certifiedKey()), headers,
                "-----BEGIN DH PARAMETERS-----\nMAA=\n-----END DH PARAMETERS-----\n"));

        assertThat(release.name()).isEqualTo("20261122T193300.123Z");
        assertThat(mode(release.file("privkey.pem"))).isEqualTo("rw-------");
        assertThat(mode(release.file("haproxy.pem"))).isEqualTo("rw-------");
        // certificates and snippets too: the server's master reads them as root (SafeFiles: nothing here is public)
        assertThat(mode(release.file("cert.pem"))).isEqualTo("rw-------");
        assertThat(mode(release.directory())).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("site/releases"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("site"))).isEqualTo("rwx------");
        assertThat(Files.readString(release.file("fullchain.pem")))
                .isEqualTo(Files.readString(release.file("cert.pem")) + Files.readString(release.file("chain.pem")));
        String bundle = Files.readString(release.file("haproxy.pem"));
        assertThat(bundle).startsWith(Files.readString(release.file("fullchain.pem")))
                .contains("-----BEGIN PRIVATE KEY-----").endsWith("-----END DH PARAMETERS-----\n");
        assertThat(release.leafPins()).containsExactly(cert.pin());
        assertThat(Files.readString(release.file(Release.NGINX_HEADERS))).isEqualTo(
                "add_header Public-Key-Pins 'pin-sha256=\"" + cert.pin().base64() + "\"; max-age=600' always;\n"
                + "add_header Strict-Transport-Security 'max-age=31536000' always;\n");
        assertThat(Files.readString(release.file(Release.APACHE_HEADERS)))
                .startsWith("Header always set Public-Key-Pins \"pin-sha256=\\\"");
        assertThat(Files.readString(release.file(Release.HAPROXY_HEADERS)))
                .startsWith("http-after-response set-header Public-Key-Pins \"pin-sha256=\\\"");
        assertThat(Files.readString(release.file(Release.HAPROXY_MAP))).isEqualTo(
                "Public-Key-Pins pin-sha256=\"" + cert.pin().base64() + "\"; max-age=600\n"
                + "Strict-Transport-Security max-age=31536000\n");
        assertThat(mode(release.file(Release.HAPROXY_MAP))).isEqualTo("rw-------");
        try (var staging = Files.list(dir.resolve("site/.staging"))) {
            assertThat(staging).isEmpty();
        }
        // the key file holds the key of the certificate: openssl agrees
        assertThat(opensslPin(release.file("privkey.pem"), "pkey")).isEqualTo(cert.pin().base64());
    }

    @Test
    void theLiveReleaseIsFoundWhenItHoldsExactlyTheSameContent() throws Exception {
        ReleaseStore store = store();
        SelfSigned cert = SelfSigned.ec("same.example.test");
        List<Header> headers = List.of(new Header("Public-Key-Pins", "pin-sha256=\"" + cert.pin().base64()
                + "\"; max-age=600"));
        ReleaseContent content = ReleaseContent.of(cert.certifiedKey(), headers);
        assertThat(store.liveWithSameContent(content)).isEmpty();

        Release live = store.create(content);
        store.pointLiveAt(live);
        assertThat(store.liveWithSameContent(ReleaseContent.of(cert.certifiedKey(), headers)))
                .map(Release::name).contains(live.name());
        // another header value, or another key: a new release is needed
        assertThat(store.liveWithSameContent(ReleaseContent.of(cert.certifiedKey(), List.of(new Header(
                "Public-Key-Pins", "pin-sha256=\"" + cert.pin().base64() + "\"; max-age=601"))))).isEmpty();
        assertThat(store.liveWithSameContent(ReleaseContent.of(SelfSigned.ec("same.example.test").certifiedKey(),
                headers))).isEmpty();
        // a file changed in the live release on disk: not the same content any more
        Files.writeString(live.file(Release.APACHE_HEADERS), "# edited\n");
        assertThat(store.liveWithSameContent(content)).isEmpty();
        assertThat(store.releases()).hasSize(1);
    }

    @Test
    void neverOverwritesAReleaseOfTheSameInstant() throws Exception {
        ReleaseStore store = store();
        SelfSigned first = SelfSigned.ec("a.example.test");
        SelfSigned second = SelfSigned.ec("a.example.test");
        Release one = store.create(ReleaseContent.of(first.certifiedKey(), List.of()));
        Release two = store.create(ReleaseContent.of(second.certifiedKey(), List.of()));

        assertThat(two.name()).isEqualTo(one.name() + "-1");
        assertThat(one.leafPins()).containsExactly(first.pin());
        assertThat(two.leafPins()).containsExactly(second.pin());
        assertThat(store.releases()).containsExactly(one, two);
    }

    @Test
    void dualReleaseNamesFilesByKeyKind() throws Exception {
        SelfSigned rsa = SelfSigned.rsa("dual.example.test");
        SelfSigned ec = SelfSigned.ec("dual.example.test");
        Release release = store().create(new ReleaseContent(List.of(rsa.certifiedKey(), ec.certifiedKey()),
                List.of(), null));

        assertThat(release.file("fullchain-rsa.pem")).exists();
        assertThat(release.file("privkey-ecdsa.pem")).exists();
        assertThat(release.file("haproxy.pem.rsa")).exists();
        assertThat(release.file("haproxy.pem.ecdsa")).exists();
        assertThat(release.leafPins()).containsExactlyInAnyOrder(rsa.pin(), ec.pin());
        new KeyMatchCheck().check(release);
        // the first key keeps the plain names (a server configured for one key goes on serving it);
        // no plain haproxy.pem, so that HAProxy loads both bundles for crt haproxy.pem
        assertThat(release.file("fullchain.pem")).hasSameTextualContentAs(release.file("fullchain-rsa.pem"));
        assertThat(release.file("privkey.pem")).hasSameTextualContentAs(release.file("privkey-rsa.pem"));
        assertThat(release.file("haproxy.pem")).doesNotExist();
    }

    @Test
    void liveSymlinkIsSwappedAtomically() throws Exception {
        ReleaseStore store = store();
        Release one = store.create(ReleaseContent.of(SelfSigned.ec("x.example.test").certifiedKey(), List.of()));
        Release two = store.create(ReleaseContent.of(SelfSigned.ec("x.example.test").certifiedKey(), List.of()));
        store.pointLiveAt(one);
        store.pointLiveAt(two);

        assertThat(store.live()).contains(two);
        assertThat(Files.readSymbolicLink(store.liveLink()).toString()).isEqualTo("releases/" + two.name());
        try (var leftovers = Files.list(dir.resolve("site"))) {
            assertThat(leftovers.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("releases", "live", ".staging");
        }
    }

    @Test
    void pruneKeepsTheNewestAndTheLiveRelease() throws Exception {
        ReleaseStore store = store();
        List<Release> made = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(store.create(ReleaseContent.of(SelfSigned.ec("p.example.test").certifiedKey(), List.of())));
        }
        store.pointLiveAt(made.get(1));

        List<Release> deleted = store.prune(2, true);

        assertThat(deleted).containsExactly(made.get(0), made.get(2));
        assertThat(store.releases()).containsExactly(made.get(1), made.get(3), made.get(4));
        assertThat(made.get(0).directory()).doesNotExist();
        assertThat(store.live()).contains(made.get(1));
    }

    @Test
    void keyMatchCheckFindsAForeignKey() throws Exception {
        SelfSigned cert = SelfSigned.ec("m.example.test");
        SelfSigned other = SelfSigned.ec("m.example.test");
        Release release = store().create(ReleaseContent.of(new CertifiedKey(cert.chain(), other.key().getPrivate()), List.of()));

        assertThatThrownBy(() -> new KeyMatchCheck().check(release))
                .isInstanceOf(ReleaseCheckException.class).hasMessageContaining("privkey.pem is not the key of cert.pem");
    }

    @Test
    void readsACertbotStyleLineageBack() throws Exception {
        SelfSigned cert = SelfSigned.rsa("lineage.example.test");
        Release release = store().create(ReleaseContent.of(cert.certifiedKey(), List.of()));

        CertifiedKey read = CertifiedKeyFiles.readCertbotLineage(release.directory());

        assertThat(read.chain()).isEqualTo(cert.chain());
        assertThat(read.key().getEncoded()).isEqualTo(cert.key().getPrivate().getEncoded());
        Path foreignKey = dir.resolve("foreign.pem");
        dev.pinkeeper.files.SafeFiles.writeNew(foreignKey, dev.pinkeeper.files.Pem.privateKey(SelfSigned.rsa("x").key()
                .getPrivate()).getBytes(java.nio.charset.StandardCharsets.US_ASCII), dev.pinkeeper.files.SafeFiles.PRIVATE_FILE);
        assertThatThrownBy(() -> CertifiedKeyFiles.read(release.file("fullchain.pem"), foreignKey))
                .hasMessageContaining("is not the key of the first certificate");
    }

    @Test
    void headersRejectLineBreaks() {
        assertThatThrownBy(() -> new Header("X-Test", "a\r\nInjected: yes")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Header("Bad Name", "v")).isInstanceOf(IllegalArgumentException.class);
        List<Header> headers = List.of(new Header("X-Rate", "100%"), new Header("X-Uri", "https://r.example/a%2Fb"));
        assertThat(HeaderSnippets.haproxy(headers)).isEqualTo(Haproxy.headerLine("X-Rate", "100%") + "\n"
                + Haproxy.headerLine("X-Uri", "https://r.example/a%2Fb") + "\n").contains("\"100%%\"");
        assertThat(HeaderSnippets.apache(headers)).contains("\"https://r.example/a%%2Fb\"");
        assertThatThrownBy(() -> HeaderSnippets.nginx(List.of(new Header("X-Uri", "https://r.example/$uri"))))
                .hasMessageStartingWith("header X-Uri: nginx cannot send '$'");
    }

    static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    static String opensslPin(Path file, String kind) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", "openssl " + kind + " -in '" + file
                + "' -pubout -outform DER | openssl dgst -sha256 -binary | openssl base64").start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        assertThat(process.waitFor()).isZero();
        return out;
    }

    static Set<Pin> pins(Pin... pins) {
        return Set.of(pins);
    }
}
