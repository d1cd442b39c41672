package dev.pinkeeper.read;

/** What kind of object a pin was read from. */
public enum MaterialKind {
    CERTIFICATE("certificate"),
    PUBLIC_KEY("public-key"),
    PRIVATE_KEY("private-key"),
    CSR("csr");

    private final String label;

    MaterialKind(String label) {
        this.label = label;
    }

    /** The name used on the command line and in JSON output, e.g. {@code public-key}. */
    public String label() {
        return label;
    }
}
