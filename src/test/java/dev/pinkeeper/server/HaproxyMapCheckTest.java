package dev.pinkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.deploy.ReleaseStore;
import dev.pinkeeper.lifecycle.Programs;
import dev.pinkeeper.testing.FreePorts;
import dev.pinkeeper.testing.Haproxy;
import dev.pinkeeper.testing.Processes;

/**
 * {@link HaproxyMapCheck} reads the config as HAProxy does, just enough: the map lines count only
 * when they are not commented out and sit in a {@code frontend} or {@code listen} section. The
 * accepted configs are checked with {@code haproxy -c} too.
 */
class HaproxyMapCheckTest {
    private static final String HEAD = """
            global
              log stderr format short local0 info
            defaults
              mode http
              timeout connect 5s
              timeout client 10s
              timeout server 10s
            """;

    @TempDir
    Path temp;
    ReleaseStore store;
    String mapLines;

    @BeforeEach
    void store() throws Exception {
        store = new ReleaseStore(temp.resolve("site"));
        // a live map for haproxy -c (map() loads it at start); the check itself reads only the config
        Files.createDirectories(store.liveLink());
        Files.writeString(store.liveHaproxyMap(), "");
        mapLines = Haproxy.headersFromMap(store.liveHaproxyMap());
    }

    @Test
    void mapLinesInAFrontendOrListenSectionAreAccepted() throws Exception {
        int port = FreePorts.next();
        String frontend = HEAD + "frontend site # the site\n  bind 127.0.0.1:" + port + "\n" + mapLines
                + "  # trailing comment\n  http-request return status 200 content-type text/plain string ok\n";
        String listen = HEAD + "listen site\n  bind 127.0.0.1:" + port + "\n" + mapLines + "\n  server s 127.0.0.1:1\n";
        for (String text : List.of(frontend, listen)) {
            Path config = config(text);
            assertThat(haproxyCheck(config)).as(text).isZero();
            assertThatCode(() -> HaproxyMapCheck.check(config, store.liveLink())).as(text).doesNotThrowAnyException();
        }
    }

    @Test
    void commentedOutMapLinesAreRefused() throws Exception {
        String commented = mapLines.lines().map(line -> "  #" + line.strip()).reduce("", (a, b) -> a + b + "\n");
        Path config = config(HEAD + "frontend site\n  bind 127.0.0.1:8443\n" + commented);
        assertThat(haproxyCheck(config)).isZero();

        assertRefused(config);
    }

    @Test
    void aMapLookupThatIsOnlyInACommentIsRefused() throws Exception {
        Path config = config(HEAD + "frontend site\n  bind 127.0.0.1:8443\n"
                + "  http-after-response set-header Public-Key-Pins \"x\" # map(" + store.liveHaproxyMap() + ")\n");

        assertRefused(config);
    }

    @Test
    void mapLinesOutsideAFrontendOrListenSectionAreRefused() throws Exception {
        String backend = HEAD + "frontend site\n  bind 127.0.0.1:8443\n  default_backend app\nbackend app\n"
                + mapLines + "\n  server s 127.0.0.1:1\n";
        String beforeFrontend = mapLines + "\n" + HEAD + "frontend site\n  bind 127.0.0.1:8443\n";
        String inDefaults = HEAD + mapLines + "\nfrontend site\n  bind 127.0.0.1:8443\n";
        for (String text : List.of(backend, beforeFrontend, inDefaults)) {
            assertRefused(config(text));
        }
    }

    @Test
    void hstsMayComeFromElsewhereThanTheMap() throws Exception {
        String pinLines = mapLines.lines().filter(line -> !line.contains("Strict-Transport-Security"))
                .reduce("", (a, b) -> a + b + "\n");
        Path config = config(HEAD + "frontend site\n  bind 127.0.0.1:8443\n" + pinLines
                + "  http-response set-header Strict-Transport-Security \"max-age=600\"\n");
        assertThat(haproxyCheck(config)).isZero();

        assertThatCode(() -> HaproxyMapCheck.check(config, store.liveLink())).doesNotThrowAnyException();
    }

    @Test
    void aFrontendReadingOnlyHstsFromTheMapIsRefused() throws Exception {
        String someLines = mapLines.lines().filter(line -> line.contains("Strict-Transport-Security"))
                .reduce("", (a, b) -> a + b + "\n");
        Path config = config(HEAD + "frontend site\n  bind 127.0.0.1:8443\n" + someLines);
        assertThat(haproxyCheck(config)).isZero();

        assertRefused(config);
        assertThatThrownBy(() -> HaproxyMapCheck.check(config, store.liveLink())).message()
                .contains("for Public-Key-Pins, Public-Key-Pins-Report-Only in a frontend");
    }

    @Test
    void aRuleSettingAPinHeaderWithoutTheMapIsRefusedInAnySection() throws Exception {
        String stale = "http-response set-header \"public-key-pins\" \"pin-sha256=\\\"AAAA\\\"; max-age=600\"";
        String inFrontend = HEAD + "frontend site\n  bind 127.0.0.1:8443\n" + mapLines + "\n  " + stale
                + "\n  default_backend app\nbackend app\n  server s 127.0.0.1:1\n";
        String inBackend = HEAD + "frontend site\n  bind 127.0.0.1:8443\n" + mapLines
                + "\n  default_backend app\nbackend app\n  " + stale + "\n  server s 127.0.0.1:1\n";
        for (String text : List.of(inFrontend, inBackend)) {
            Path config = config(text);
            assertThat(haproxyCheck(config)).as(text).isZero();

            assertThatThrownBy(() -> HaproxyMapCheck.check(config, store.liveLink())).as(text).isInstanceOf(ServerException.class)
                    .message().doesNotContain("\n").contains(config.toString())
                    .contains("sets Public-Key-Pins without reading " + store.liveHaproxyMap()).contains(stale);
        }
    }

    @Test
    void commentsEndAtAnUnquotedUnescapedHash() {
        assertThat(HaproxyConfigLines.withoutComment("  http-request return string \"a#b\" # c"))
                .isEqualTo("  http-request return string \"a#b\" ");
        assertThat(HaproxyConfigLines.withoutComment("acl x path 'a#b' \\# c # d")).isEqualTo("acl x path 'a#b' \\# c ");
        assertThat(HaproxyConfigLines.parse("frontend a\n  # only a comment\n\nbackend b\n  server s 1.2.3.4:1"))
                .containsExactly(new HaproxyConfigLines.Directive("frontend", "frontend a"),
                        new HaproxyConfigLines.Directive("backend", "backend b"),
                        new HaproxyConfigLines.Directive("backend", "server s 1.2.3.4:1"));
    }

    private void assertRefused(Path config) {
        assertThatThrownBy(() -> HaproxyMapCheck.check(config, store.liveLink())).isInstanceOf(ServerException.class)
                .message().doesNotContain("\n").contains(config.toString()).contains("frontend or listen")
                .contains(dev.pinkeeper.server.Haproxy.linesReadingMap(store.liveHaproxyMap()).get(0));
    }

    private Path config(String text) throws Exception {
        return Files.writeString(Files.createTempFile(temp, "haproxy", ".cfg"), text);
    }

    private int haproxyCheck(Path config) {
        return Processes.run(temp, List.of(Programs.locate("haproxy"), "-c", "-f", config.toString()), null,
                Duration.ofSeconds(30)).code();
    }
}
