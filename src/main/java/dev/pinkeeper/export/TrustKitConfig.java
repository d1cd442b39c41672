package dev.pinkeeper.export;

import java.util.List;
import java.util.stream.Collectors;

import dev.pinkeeper.pin.Pin;

/**
 * TrustKit's configuration (iOS, macOS) as a Swift dictionary and as the Info.plist
 * {@code TSKConfiguration} entry. TrustKit refuses a domain with fewer than two pins, which is
 * exactly the backup-pin rule.
 */
public final class TrustKitConfig {
    private TrustKitConfig() {
    }

    /** Swift source for {@code TrustKit.initSharedInstance(withConfiguration:)}. */
    public static String swift(PinExport export) {
        String hashes = export.allPins().stream().map(p -> "                \"" + p.base64() + "\"")
                .collect(Collectors.joining(",\n"));
        StringBuilder out = new StringBuilder();
        out.append("let trustKitConfig: [String: Any] = [\n");
        out.append("    kTSKSwizzleNetworkDelegates: false,\n");
        out.append("    kTSKPinnedDomains: [\n");
        out.append("        \"").append(export.bareHost()).append("\": [\n");
        out.append("            kTSKEnforcePinning: true,\n");
        out.append("            kTSKIncludeSubdomains: ").append(export.includeSubdomains()).append(",\n");
        if (export.expiration() != null) {
            out.append("            kTSKExpirationDate: \"").append(export.expiration()).append("\",\n");
        }
        if (!export.reportUris().isEmpty()) {
            out.append("            kTSKReportUris: [")
                    .append(export.reportUris().stream().map(u -> "\"" + u + "\"").collect(Collectors.joining(", ")))
                    .append("],\n");
        }
        out.append("            kTSKPublicKeyHashes: [\n").append(hashes).append("\n            ]\n");
        out.append("        ]\n    ]\n]\n");
        return out.toString();
    }

    /** The {@code TSKConfiguration} key and dictionary to paste into Info.plist. */
    public static String plist(PinExport export) {
        StringBuilder out = new StringBuilder();
        out.append("<key>TSKConfiguration</key>\n<dict>\n");
        out.append("    <key>TSKSwizzleNetworkDelegates</key>\n    <false/>\n");
        out.append("    <key>TSKPinnedDomains</key>\n    <dict>\n");
        out.append("        <key>").append(export.bareHost()).append("</key>\n        <dict>\n");
        out.append("            <key>TSKEnforcePinning</key>\n            <true/>\n");
        out.append("            <key>TSKIncludeSubdomains</key>\n            <")
                .append(export.includeSubdomains()).append("/>\n");
        if (export.expiration() != null) {
            out.append("            <key>TSKExpirationDate</key>\n            <string>")
                    .append(export.expiration()).append("</string>\n");
        }
        if (!export.reportUris().isEmpty()) {
            out.append("            <key>TSKReportUris</key>\n            <array>\n");
            for (String uri : export.reportUris()) {
                out.append("                <string>").append(xmlText(uri)).append("</string>\n");
            }
            out.append("            </array>\n");
        }
        out.append("            <key>TSKPublicKeyHashes</key>\n            <array>\n");
        for (Pin pin : export.allPins()) {
            out.append("                <string>").append(pin.base64()).append("</string>\n");
        }
        out.append("            </array>\n        </dict>\n    </dict>\n</dict>\n");
        return out.toString();
    }

    /** Problems TrustKit would refuse the configuration for; empty when it loads. */
    public static List<String> problems(PinExport export) {
        return export.allPins().size() < 2
                ? List.of("TrustKit requires at least two pins (one of them a backup key)")
                : List.of();
    }

    private static String xmlText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
