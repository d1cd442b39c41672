package dev.pinkeeper.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pin set exported for one client: each form of its configuration by name ({@code kotlin} and {@code java}
 * for OkHttp, {@code xml} for Android, {@code swift} and {@code plist} for TrustKit, {@code pinnedpubkey} and
 * {@code command} for curl), and the problems for which the export is refused (none: it can be used).
 *
 * <pre>{@code
 * ClientExport okhttp = ClientExport.of(ClientFormat.OKHTTP, export);
 * if (okhttp.refused()) okhttp.problems().forEach(System.err::println);
 * else System.out.print(okhttp.forms().get("kotlin"));
 * }</pre>
 *
 * @param format   the client
 * @param export   what was exported
 * @param forms    each form of the configuration, in the order the client's documentation gives them
 * @param problems why the configuration must not be shipped (a single pin, or what the client refuses)
 */
public record ClientExport(ClientFormat format, PinExport export, Map<String, String> forms, List<String> problems) {
    /** The problem of a pin set without a backup pin. */
    public static final String SINGLE_PIN = "only one pin: with no backup pin, losing that key locks every client out";

    public ClientExport {
        forms = Collections.unmodifiableMap(new LinkedHashMap<>(forms));
        problems = List.copyOf(problems);
    }

    /**
     * The configuration of {@code format} for {@code export}, with its problems.
     *
     * @throws IllegalArgumentException when the client cannot express the pin set (curl without a leaf key pin)
     */
    public static ClientExport of(ClientFormat format, PinExport export) {
        Map<String, String> forms = new LinkedHashMap<>();
        switch (format) {
            case OKHTTP -> {
                forms.put("kotlin", OkHttpPins.kotlin(export));
                forms.put("java", OkHttpPins.java(export));
            }
            case ANDROID -> forms.put("xml", AndroidNetworkSecurityConfig.xml(export));
            case TRUSTKIT -> {
                forms.put("swift", TrustKitConfig.swift(export));
                forms.put("plist", TrustKitConfig.plist(export));
            }
            case CURL -> {
                forms.put("pinnedpubkey", CurlPins.pinnedPubKey(export));
                forms.put("command", CurlPins.commandLine(export));
            }
        }
        List<String> problems = new ArrayList<>();
        if (export.allPins().size() < 2) {
            problems.add(SINGLE_PIN);
        }
        if (format == ClientFormat.TRUSTKIT) {
            problems.addAll(TrustKitConfig.problems(export));
        }
        return new ClientExport(format, export, forms, problems);
    }

    /** Whether the configuration must not be shipped ({@link #problems()} says why). */
    public boolean refused() {
        return !problems.isEmpty();
    }

    /** Whether the client enforces the pins for ever: an Android app never updated, without an expiration day. */
    public boolean enforcedForEver() {
        return format == ClientFormat.ANDROID && export.expiration() == null;
    }
}
