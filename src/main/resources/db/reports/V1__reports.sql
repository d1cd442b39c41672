-- Pin violation reports, one row each; id is given at receipt, so storing a report twice keeps one row.
CREATE TABLE reports (
    id             VARCHAR(36) PRIMARY KEY,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    received_hour  BIGINT NOT NULL,
    format         VARCHAR(16) NOT NULL,
    hostname       VARCHAR NOT NULL,
    port           INTEGER,
    noted_hostname VARCHAR,
    site           VARCHAR,
    report_class   VARCHAR(32) NOT NULL,
    reason         VARCHAR NOT NULL,
    header_version VARCHAR,
    leaf_subject   VARCHAR,
    leaf_issuer    VARCHAR,
    root_subject   VARCHAR,
    chain_pins     VARCHAR NOT NULL,
    known_pins     VARCHAR NOT NULL,
    app_bundle_id  VARCHAR,
    body           VARCHAR NOT NULL
);
CREATE INDEX reports_received_at ON reports (received_at);
CREATE INDEX reports_site_class ON reports (site, report_class);
