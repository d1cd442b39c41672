package dev.pinkeeper.cli;

/**
 * The JSON document of a step refused as unsafe ({@code revoke}, {@code site recover}):
 * {@code {"status":"refused","message":…}}.
 */
record RefusedDocument(String status, String message) {
    /** The refusal saying {@code message}. */
    static RefusedDocument of(String message) {
        return new RefusedDocument("refused", message);
    }
}
