package dev.pinkeeper.report;

/** What a violation report most likely means, decided on arrival by {@link ReportAnalyser}. */
public enum ReportClass {
    /**
     * Our own rollover mistake: the client holds one of our header versions, and the server
     * presented a key that is ours but not in that version (a key rolled out before the header
     * that announced it had reached every client, or a header that forgot the served key).
     */
    ROLLOVER_MISTAKE("rollover-mistake"),
    /** The chain holds none of our pins: a certificate from a CA or intermediate the plan does not expect. */
    UNEXPECTED_CHAIN("unexpected-chain"),
    /**
     * The validated chain ends at a root that is neither a public one nor one the site's deployments
     * trust: an interception proxy or a locally added root.
     */
    INTERCEPTION("interception"),
    /** Malformed, irrelevant (a host without a plan, whatever its chain) or self-contradicting reports. */
    NOISE("noise");

    private final String label;

    ReportClass(String label) {
        this.label = label;
    }

    /** The name used in storage, metrics, JSON and on the dashboard. */
    public String label() {
        return label;
    }

    /** The class whose label is {@code label}. */
    public static ReportClass ofLabel(String label) {
        for (ReportClass c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown report class: " + label);
    }
}
