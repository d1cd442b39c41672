package dev.pinkeeper.report.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.pinkeeper.report.ReceivedReport;
import dev.pinkeeper.report.ReportClass;
import dev.pinkeeper.report.ReportFormat;

/**
 * What every report store must do: each database's test extends this class and gives its store
 * (SQLite, PostgreSQL).
 */
abstract class StoreContract {
    /** The store under test, open for the whole class. */
    abstract ReportStore store();

    /** Makes the database refuse rows with this host name by a constraint of its own (a CHECK, a trigger). */
    void refuseHost(java.sql.Statement s, String host) throws java.sql.SQLException {
        s.execute("ALTER TABLE reports ADD CONSTRAINT contract_refuses CHECK (hostname <> '" + host + "')");
    }

    /** Undoes {@link #refuseHost}. */
    void allowAll(java.sql.Statement s) throws java.sql.SQLException {
        s.execute("ALTER TABLE reports DROP CONSTRAINT contract_refuses");
    }

    static ReceivedReport report(String host, ReportClass rc, String issuer, String version, Instant at) {
        return new ReceivedReport(UUID.randomUUID(), at, ReportFormat.RFC7469, host, 443, host, "example.com", rc,
                "because", version, "CN=" + host, issuer, "CN=root", "pinA,pinB", "pinK", null, "{\"hostname\":\"" + host + "\"}");
    }

    @Test
    void insertIfAbsentKeepsOneRowPerId() throws Exception {
        ReportStore store = store();
        long before = store.count();
        ReceivedReport a = report("a.example.com", ReportClass.ROLLOVER_MISTAKE, "CN=R1", "v1", Instant.now());
        ReceivedReport b = report("b.example.com", ReportClass.NOISE, "CN=R1", "v2", Instant.now());
        assertThat(store.insertIfAbsent(List.of(a, b))).isEqualTo(2);
        store.insertIfAbsent(List.of(a, b, a)); // replayed, even twice in one batch
        assertThat(store.count()).isEqualTo(before + 2);
    }

    /** A row the database refuses (here by a constraint) is told apart from an outage. */
    @Test
    void aRefusedRowIsADataErrorNotAnOutage() throws Exception {
        JdbcReportStore store = (JdbcReportStore) store();
        try (java.sql.Connection c = store.dataSource().getConnection();
                java.sql.Statement s = c.createStatement()) {
            refuseHost(s, "refused.contract.test");
            try {
                ReceivedReport refused = report("refused.contract.test", ReportClass.NOISE, "CN=I", null, Instant.now());
                java.sql.SQLException error = org.assertj.core.api.Assertions.catchThrowableOfType(
                        () -> store.insertIfAbsent(List.of(refused)), java.sql.SQLException.class);
                assertThat((Throwable) error).isNotNull();
                assertThat(store.refusesData(error)).isTrue();
                assertThat(store.refusesData(new java.sql.SQLException("connection refused", "08001"))).isFalse();
                assertThat(store.insertIfAbsent(List.of(refused.unstorable("refused")))).isEqualTo(1);
            } finally {
                allowAll(s);
            }
        }
    }

    /** The body is kept exactly, as its UTF-8 bytes. */
    @Test
    void bodyIsStoredAsItsUtf8Bytes() throws Exception {
        JdbcReportStore store = (JdbcReportStore) store();
        ReceivedReport r = report("body.contract.test", ReportClass.NOISE, "CN=I", null, Instant.now());
        String body = "{\"hostname\":\"body.contract.test\",\"x\":\"é ☃ \\u0000\"}";
        ReceivedReport withBody = new ReceivedReport(r.id(), r.receivedAt(), r.format(), r.hostname(), r.port(),
                r.notedHostname(), r.site(), r.reportClass(), r.reason(), r.headerVersion(), r.leafSubject(), r.leafIssuer(),
                r.rootSubject(), r.chainPins(), r.knownPins(), r.appBundleId(), body);
        store.insertIfAbsent(List.of(withBody));
        try (java.sql.Connection c = store.dataSource().getConnection();
                java.sql.PreparedStatement s = c.prepareStatement("SELECT body FROM reports WHERE id = ?")) {
            s.setString(1, r.id().toString());
            try (java.sql.ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBytes(1)).isEqualTo(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void summaryCountsByClassIssuerVersionAndHour() throws Exception {
        ReportStore store = store();
        Instant t0 = Instant.parse("2026-05-01T10:15:00Z");
        store.insertIfAbsent(List.of(
                report("s1.sum.test", ReportClass.ROLLOVER_MISTAKE, "CN=Issuer A", "v1", t0),
                report("s1.sum.test", ReportClass.ROLLOVER_MISTAKE, "CN=Issuer A", "v1", t0.plusSeconds(60)),
                report("s1.sum.test", ReportClass.UNEXPECTED_CHAIN, "CN=Issuer <b>", "v2", t0.plusSeconds(3600)),
                report("s1.sum.test", ReportClass.NOISE, "CN=Issuer N", null, t0.plusSeconds(7200))));
        ReportSummary s = store.summarize(new ReportQuery("s1.sum.test", null, 10));
        assertThat(s.total()).isEqualTo(4);
        assertThat(s.byClass()).containsEntry("rollover-mistake", 2L).containsEntry("unexpected-chain", 1L)
                .containsEntry("noise", 1L).containsEntry("interception", 0L);
        assertThat(s.topIssuers()).extracting(ReportSummary.IssuerCount::issuer).containsExactly("CN=Issuer A", "CN=Issuer <b>");
        assertThat(s.topIssuers().get(0).count()).isEqualTo(2);
        assertThat(s.timeline()).extracting(ReportSummary.Bucket::hour).containsExactly(
                Instant.parse("2026-05-01T10:00:00Z"), Instant.parse("2026-05-01T11:00:00Z"), Instant.parse("2026-05-01T12:00:00Z"));
        assertThat(s.timeline().get(0).count()).isEqualTo(2);
        assertThat(s.recent()).hasSize(4);
        assertThat(s.recent().get(0).receivedAt()).isEqualTo(t0.plusSeconds(7200));
        ReportSummary later = store.summarize(new ReportQuery("s1.sum.test", t0.plusSeconds(3000), 10));
        assertThat(later.total()).isEqualTo(2);
    }
}
