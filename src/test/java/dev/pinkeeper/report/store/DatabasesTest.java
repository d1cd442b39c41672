package dev.pinkeeper.report.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Databases#redacted}: a JDBC URL as logs and messages show it, without its password. */
class DatabasesTest {
    @Test
    void thePasswordIsNeverShown() {
        assertThat(Databases.redacted("jdbc:postgresql://db:5432/r?user=p&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/r?user=p&password=***&ssl=true");
        assertThat(Databases.redacted("jdbc:x://h;PASSWORD=a;b=c")).isEqualTo("jdbc:x://h;PASSWORD=***;b=c");
        assertThat(Databases.redacted("jdbc:sqlite:/var/lib/pinkeeper/reports.db"))
                .isEqualTo("jdbc:sqlite:/var/lib/pinkeeper/reports.db");
    }
}
