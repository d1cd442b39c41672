package dev.pinkeeper.site.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyGenerator;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.testing.FileSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headers a recovery respects, without a server: every header a returning client may still hold must
 * pin the promoted backup; a refusal says when serving one becomes safe and writes nothing.
 */
class SiteRecoveryHeadersTest {
    private static final Instant AT = Instant.parse("2030-06-01T00:00:00Z");
    private static final long SIXTY_DAYS = Duration.ofDays(60).toSeconds();

    @TempDir
    Path dir;

    private final KeyPair one = KeyGenerator.generate(KeyAlgorithm.EC_P256);
    private final KeyPair two = KeyGenerator.generate(KeyAlgorithm.EC_P256);
    private final Pin lost = Pin.ofSpki(KeyGenerator.generate(KeyAlgorithm.EC_P256).getPublic().getEncoded());

    @Test
    void eachHeaderPinningAnotherBackupIsRefusedUntilTheEarliestSafeInstant() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        Map<String, String> before = FileSnapshot.of(state);
        Instant tenDaysAgo = AT.minus(Duration.ofDays(10));
        // the older header pins only backup one, the live one only backup two
        SiteRecovery.Request request = request(List.of(
                new SiteRecovery.CachedHeader(header(lost, pin(one)), tenDaysAgo),
                new SiteRecovery.CachedHeader(header(lost, pin(two)), null)));

        assertThatThrownBy(() -> recovery(state).recover(request, false)).isInstanceOf(RefusedStepException.class)
                .hasMessageContaining("no backup key given is pinned by every header clients cache (2 headers")
                .satisfies(e -> assertThat(((RefusedStepException) e).allowedFrom())
                        .as("backup one is safe once the live header, which lacks it, expires; two once the older does")
                        .isEqualTo(tenDaysAgo.plusSeconds(SIXTY_DAYS)));
        assertThat(FileSnapshot.of(state)).isEqualTo(before);
    }

    @Test
    void theBackupEveryHeldHeaderPinsIsPromotedAndAnExpiredOneIsLeftOut() throws Exception {
        Path state = dir.resolve("state");
        SiteRecovery.CachedHeader expired = new SiteRecovery.CachedHeader(header(lost, pin(one)),
                AT.minus(Duration.ofDays(61)));
        SiteRecovery.CachedHeader older = new SiteRecovery.CachedHeader(header(lost, pin(one), pin(two)),
                AT.minus(Duration.ofDays(1)));
        SiteRecovery.CachedHeader live = new SiteRecovery.CachedHeader(header(lost, pin(two)), null);

        SiteRecovery.Recovered recovered = recovery(state).recover(request(List.of(live, expired, older)), true);
        assertThat(recovered.promoted().pin()).isEqualTo(pin(two));
        assertThat(recovered.noted()).containsExactly(older, live);
        assertThat(recovered.expired()).containsExactly(expired);
        assertThat(recovered.cachedAt()).isEqualTo(older.lastServed().minusSeconds(SIXTY_DAYS));
        assertThat(state.resolve("sites")).doesNotExist();
    }

    @Test
    void anOlderHeaderServedAfterTheRecoveryOrTwoAtOneInstantAreBadInput() {
        Path state = dir.resolve("state");
        assertThatThrownBy(() -> recovery(state).recover(request(List.of(
                new SiteRecovery.CachedHeader(header(lost, pin(one)), AT.plusSeconds(1)),
                new SiteRecovery.CachedHeader(header(lost, pin(one)), null))), true))
                .isInstanceOf(InventoryException.class).hasMessageContaining("not before the recovery's time");
        Instant once = AT.minus(Duration.ofDays(1));
        assertThatThrownBy(() -> recovery(state).recover(request(List.of(
                new SiteRecovery.CachedHeader(header(lost, pin(one)), once),
                new SiteRecovery.CachedHeader(header(lost, pin(two), pin(one)), once),
                new SiteRecovery.CachedHeader(header(lost, pin(one)), null))), true))
                .isInstanceOf(InventoryException.class).hasMessageContaining("at the same instant");
    }

    private SiteRecovery.Request request(List<SiteRecovery.CachedHeader> cached) {
        return new SiteRecovery.Request("shop", List.of("shop.pinkeeper.test"), List.of(key(one), key(two)), cached,
                null, AT, true);
    }

    private static SiteRecovery recovery(Path state) {
        return new SiteRecovery(new KeyInventory(new StateDirectory(state)));
    }

    private static PkpHeader header(Pin... pins) {
        return new PkpHeader(false, SIXTY_DAYS, false, null, List.of(pins));
    }

    private static Pin pin(KeyPair pair) {
        return Pin.ofSpki(pair.getPublic().getEncoded());
    }

    private static PrivateKeyInfo key(KeyPair pair) {
        return PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
    }
}
