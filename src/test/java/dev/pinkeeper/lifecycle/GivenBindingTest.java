package dev.pinkeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.acme.AccountBinding;
import dev.pinkeeper.site.SiteLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binding rules: which part is missing, what a key id alone reuses, when the settings file's binding applies. */
class GivenBindingTest {
    private static final String HMAC = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";
    private static final String OTHER_HMAC = "b10lLJs8l1GPIzsLP0s6pMt8O0XVGnfTaCeROxQM0BIt2XrJMDHJZBM5NuQmQJQH";

    @TempDir
    Path temp;

    private SiteLayout paths() {
        return SiteLayout.of(temp.resolve("state"), "example");
    }

    private static AcmeSettings keptKeyId(String primaryKeyId, String backupKeyId) {
        return new AcmeSettings(new CaSettings("https://a.example/dir", null, null, primaryKeyId, null),
                new CaSettings("https://b.example/dir", null, null, backupKeyId, null), null, null, null, null, null,
                List.of());
    }

    private Path keyFile(String name, String text) throws Exception {
        return Files.writeString(temp.resolve(name), text);
    }

    @Test
    void nothingGivenIsNoBindingAndNoFault() {
        GivenBinding given = GivenBinding.of("backup", keptKeyId(null, "kept"), paths(), null, null);
        assertThat(given.binding()).isNull();
        assertThat(given.fault()).isNull();
        assertThat(given.fromSettingsFile()).isFalse();
    }

    @Test
    void anHmacKeyWithoutAnyKeyIdMissesTheKeyIdAndOneAloneBindsTheKeptKeyId() throws Exception {
        Path file = keyFile("hmac", HMAC + "\n");
        assertThat(GivenBinding.of("primary", keptKeyId(null, null), paths(), null, file).fault())
                .isEqualTo(GivenBinding.Fault.KEY_ID_MISSING);
        GivenBinding kept = GivenBinding.of("primary", keptKeyId("kid-kept", null), paths(), null, file);
        assertThat(kept.fault()).isNull();
        assertThat(kept.binding()).isEqualTo(AccountBinding.of("kid-kept", HMAC));
    }

    @Test
    void aKeyIdAloneReusesTheKeptHmacKeyOfThatCaOrMissesIt() throws Exception {
        SiteLayout paths = paths();
        assertThat(GivenBinding.of("backup", keptKeyId(null, null), paths, "kid-2", null).fault())
                .isEqualTo(GivenBinding.Fault.HMAC_KEY_MISSING);
        AccountBindings.save(paths, "backup", AccountBinding.of("old", OTHER_HMAC));
        GivenBinding reused = GivenBinding.of("backup", keptKeyId(null, null), paths, "kid-2", null);
        assertThat(reused.fault()).isNull();
        assertThat(reused.binding()).isEqualTo(AccountBinding.of("kid-2", OTHER_HMAC));
        assertThat(GivenBinding.of("primary", keptKeyId(null, null), paths, "kid-2", null).fault())
                .isEqualTo(GivenBinding.Fault.HMAC_KEY_MISSING);
    }

    @Test
    void anUnusableHmacKeyFileSaysWhyWithoutQuotingIt() throws Exception {
        GivenBinding bad = GivenBinding.of("primary", keptKeyId(null, null), paths(), "kid-1",
                keyFile("bad", "not!base64"));
        assertThat(bad.fault()).isEqualTo(GivenBinding.Fault.HMAC_KEY_UNUSABLE);
        assertThat(bad.binding()).isNull();
        assertThat(bad.problem()).contains("bad").doesNotContain("not!base64");
        assertThat(GivenBinding.of("primary", keptKeyId(null, null), paths(), "kid-1", temp.resolve("none")).problem())
                .contains("no such file");
    }

    @Test
    void theSettingsFilesBindingIsBelowWhatIsGivenAndWhatTheSiteKept() throws Exception {
        Path fileKey = keyFile("file-hmac", HMAC);
        Path givenKey = keyFile("given-hmac", OTHER_HMAC);
        GivenBinding fromFile = GivenBinding.primary(keptKeyId(null, null), paths(), null, null, "file-kid", fileKey);
        assertThat(fromFile.fromSettingsFile()).isTrue();
        assertThat(fromFile.binding()).isEqualTo(AccountBinding.of("file-kid", HMAC));
        GivenBinding given = GivenBinding.primary(keptKeyId(null, null), paths(), "kid-1", givenKey, "file-kid", fileKey);
        assertThat(given.fromSettingsFile()).isFalse();
        assertThat(given.binding()).isEqualTo(AccountBinding.of("kid-1", OTHER_HMAC));
        GivenBinding siteKept = GivenBinding.primary(keptKeyId("kid-kept", null), paths(), null, null, "file-kid", fileKey);
        assertThat(siteKept.fromSettingsFile()).isFalse();
        assertThat(siteKept.binding()).isNull();
        assertThat(GivenBinding.primary(keptKeyId(null, null), paths(), null, null, "file-kid", null).fault())
                .isEqualTo(GivenBinding.Fault.HMAC_KEY_MISSING);
    }
}
