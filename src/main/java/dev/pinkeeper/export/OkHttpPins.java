package dev.pinkeeper.export;

import dev.pinkeeper.pin.Pin;

/**
 * An OkHttp {@code CertificatePinner} for the pin set, as Kotlin or Java source. OkHttp checks
 * every certificate of the chain it validated, so CA pins work there; with includeSubdomains the
 * host becomes the {@code **.} pattern, which also matches the host itself.
 */
public final class OkHttpPins {
    private OkHttpPins() {
    }

    /** Kotlin source building the pinner. */
    public static String kotlin(PinExport export) {
        StringBuilder out = new StringBuilder("val certificatePinner = CertificatePinner.Builder()\n");
        appendAdds(out, export);
        return out.append("    .build()\n").toString();
    }

    /** Java source building the pinner. */
    public static String java(PinExport export) {
        StringBuilder out = new StringBuilder("CertificatePinner certificatePinner = new CertificatePinner.Builder()\n");
        appendAdds(out, export);
        return out.append("    .build();\n").toString();
    }

    /** The host pattern OkHttp should match. */
    public static String pattern(PinExport export) {
        return export.includeSubdomains() ? "**." + export.bareHost() : export.host();
    }

    private static void appendAdds(StringBuilder out, PinExport export) {
        String pattern = pattern(export);
        for (Pin pin : export.allPins()) {
            out.append("    .add(\"").append(pattern).append("\", \"sha256/").append(pin.base64()).append("\")\n");
        }
    }
}
