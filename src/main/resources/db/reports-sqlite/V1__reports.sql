-- Pin violation reports in the embedded SQLite store, one row each; id is given at receipt, so storing a
-- report twice keeps one row. STRICT: a value of the wrong type is refused, not converted.
-- received_at is UTC as fixed-width text (2026-05-01T10:15:00.000000000Z), which sorts as it reads.
CREATE TABLE reports (
    id             TEXT PRIMARY KEY NOT NULL,
    received_at    TEXT NOT NULL,
    received_hour  INTEGER NOT NULL,
    format         TEXT NOT NULL,
    hostname       TEXT NOT NULL,
    port           INTEGER,
    noted_hostname TEXT,
    site           TEXT,
    report_class   TEXT NOT NULL,
    reason         TEXT NOT NULL,
    header_version TEXT,
    leaf_subject   TEXT,
    leaf_issuer    TEXT,
    root_subject   TEXT,
    chain_pins     TEXT NOT NULL,
    known_pins     TEXT NOT NULL,
    app_bundle_id  TEXT,
    body           BLOB NOT NULL
) STRICT;
CREATE INDEX reports_received_at ON reports (received_at);
CREATE INDEX reports_site_class ON reports (site, report_class);
