package dev.pinkeeper.cli;

import java.util.ArrayList;
import java.util.List;

import dev.pinkeeper.keys.InventoryJson;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.SiteInventory;

/** The text form of a site's keys: a heading line, then one aligned row per key (or its inventory's JSON). */
final class KeysTable {
    private static final String[] HEADINGS = {"ROLE", "ID", "ALGORITHM", "PIN", "CREATED", "PUBLISHED-SINCE",
            "SAFE-FROM", "NOTES"};

    private KeysTable() {
    }

    /** Prints a site's keys on standard output: as this table, or with {@code json} as its inventory document. */
    static void print(SiteInventory site, boolean json) {
        if (json) {
            Json.print(InventoryJson.toJson(site));
        } else {
            System.out.print(render(site));
        }
    }

    /** The table of {@code site}'s keys. */
    static String render(SiteInventory site) {
        StringBuilder out = new StringBuilder();
        out.append("site ").append(site.site()).append(" (").append(String.join(", ", site.domains()))
                .append("), inventory version ").append(site.version()).append(" of ")
                .append(PlanShowCommand.time(site.written())).append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (KeyEntry key : site.keys()) {
            rows.add(new String[] {key.role().label(), key.id(), key.algorithm().label(), key.pin().base64(),
                    PlanShowCommand.time(key.created()), PlanShowCommand.time(key.publishedSince()),
                    PlanShowCommand.time(key.safeFrom()), notes(key)});
        }
        int[] widths = new int[HEADINGS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String notes(KeyEntry key) {
        List<String> notes = new ArrayList<>();
        if (key.nextFor() != null) {
            notes.add("next for " + key.nextFor());
        }
        if (key.offline()) {
            notes.add("offline");
        }
        if (key.retired() != null) {
            notes.add("retired " + PlanShowCommand.time(key.retired()));
        }
        if (!key.algorithm().acmeIssuable()) {
            notes.add("no ACME CA issues for this key type");
        }
        return notes.isEmpty() ? "-" : String.join("; ", notes);
    }
}
