package dev.pinkeeper.site.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.PrivateKeyFile;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;

/**
 * The child process {@link RecoveryKillTest} kills: recreates site {@value #SITE} in STATE from the PKCS#8 backup
 * files in FIXTURES, the served header pinning all of them; prints {@code READY} before and {@code DONE} after.
 */
public final class RecoveryRun {
    static final String SITE = "shop";
    static final Instant AT = Instant.parse("2030-06-01T00:00:00Z");
    static final long MAX_AGE = Duration.ofDays(60).toSeconds();

    private RecoveryRun() {
    }

    public static void main(String[] args) throws Exception {
        SiteRecovery recovery = new SiteRecovery(new KeyInventory(new StateDirectory(Path.of(args[0]))));
        SiteRecovery.Request request = request(Path.of(args[1]));
        System.out.println("READY");
        recovery.recover(request, false);
        System.out.println("DONE");
    }

    /** The recovery of {@value #SITE} from the backups in {@code fixtures}: every one pinned by the header served now. */
    static SiteRecovery.Request request(Path fixtures) throws Exception {
        List<PrivateKeyInfo> keys = new ArrayList<>();
        List<Pin> pins = new ArrayList<>();
        try (var files = Files.list(fixtures)) {
            for (Path file : files.sorted().toList()) {
                byte[] der = Files.readAllBytes(file);
                PrivateKeyInfo key = PrivateKeyInfo.getInstance(der);
                keys.add(key);
                pins.add(Pin.ofSpki(PrivateKeyFile.keyPair(key, null, "a backup").getPublic().getEncoded()));
            }
        }
        PkpHeader served = new PkpHeader(false, MAX_AGE, false, null, pins);
        return new SiteRecovery.Request(SITE, List.of("shop.pinkeeper.test"), keys,
                List.of(new SiteRecovery.CachedHeader(served, null)), null, AT, true);
    }
}
