package dev.pinkeeper.export;

import dev.pinkeeper.pin.Pin;

/**
 * Android's {@code res/xml/network_security_config.xml} with a {@code <pin-set>}. The expiration
 * date matters: after it Android stops enforcing the pins, so an app that is never updated does not
 * lock its users out for ever.
 */
public final class AndroidNetworkSecurityConfig {
    private AndroidNetworkSecurityConfig() {
    }

    /** The whole XML file. */
    public static String xml(PinExport export) {
        StringBuilder out = new StringBuilder();
        out.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        out.append("<network-security-config>\n");
        out.append("    <domain-config>\n");
        out.append("        <domain includeSubdomains=\"").append(export.includeSubdomains()).append("\">")
                .append(export.bareHost()).append("</domain>\n");
        out.append("        <pin-set");
        if (export.expiration() != null) {
            out.append(" expiration=\"").append(export.expiration()).append('"');
        }
        out.append(">\n");
        for (Pin pin : export.allPins()) {
            out.append("            <pin digest=\"SHA-256\">").append(pin.base64()).append("</pin>\n");
        }
        out.append("        </pin-set>\n");
        out.append("    </domain-config>\n");
        out.append("</network-security-config>\n");
        return out.toString();
    }
}
