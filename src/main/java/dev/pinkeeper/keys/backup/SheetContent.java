package dev.pinkeeper.keys.backup;

import java.time.Instant;
import java.util.List;

/**
 * What a backup sheet shows.
 *
 * @param site      the site's name
 * @param domains   its domains
 * @param keyId     the key's id in the inventory
 * @param algorithm the key type, e.g. {@code rsa:3072}
 * @param pin       the key's pin (base64)
 * @param created   when the key was generated
 * @param exported  when the sheet was made
 * @param qrTexts   the QR texts, part 1 first ({@link QrParts#split})
 */
public record SheetContent(String site, List<String> domains, String keyId, String algorithm, String pin,
        Instant created, Instant exported, List<String> qrTexts) {
    public SheetContent {
        domains = List.copyOf(domains);
        qrTexts = List.copyOf(qrTexts);
    }
}
