package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.JsonOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.pinkeeper.export.AndroidNetworkSecurityConfig;
import dev.pinkeeper.export.CurlPins;
import dev.pinkeeper.export.OkHttpPins;
import dev.pinkeeper.export.PinExport;
import dev.pinkeeper.export.TrustKitConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pinkeeper export FORMAT}: the pin set for OkHttp, Android, TrustKit or curl. */
@Command(name = "export", mixinStandardHelpOptions = true,
        header = "Print the pin set for the clients that still enforce pins: okhttp, Android, TrustKit and curl.",
        description = {"Print the pin set for the clients that still enforce pins:",
                "okhttp (Kotlin and Java), android (network_security_config.xml), trustkit (Swift and Info.plist),",
                "curl (--pinnedpubkey, leaf keys only)."})
final class ExportCommand implements Callable<Integer> {
    enum Format { okhttp, android, trustkit, curl }

    @Parameters(index = "0", paramLabel = "FORMAT", description = "okhttp, android, trustkit or curl.")
    Format format;

    @Option(names = "--host", required = true, paramLabel = "HOST", description = "The host clients connect to.")
    String host;

    @Option(names = "--pin", paramLabel = "PIN|FILE", required = true,
            description = "A pin of the site's own keys, or a file of keys/certificates/CSRs to pin (repeat; current first).")
    List<String> keyPins = new ArrayList<>();

    @Option(names = "--ca-pin", paramLabel = "PIN|FILE",
            description = "A CA key's pin (shared by every customer of that CA; not used by curl).")
    List<String> caPins = new ArrayList<>();

    @Option(names = "--include-subdomains", description = "Apply the pins to every subdomain too.")
    boolean includeSubdomains;

    @Option(names = "--expiration", paramLabel = "YYYY-MM-DD",
            description = "Day after which Android and TrustKit stop enforcing (recommended).")
    String expiration;

    @Option(names = "--report-uri", paramLabel = "URI", description = "Where TrustKit reports failures (repeat).")
    List<String> reportUris = new ArrayList<>();

    @Mixin
    JsonOption jsonOption;

    @Override
    public Integer call() throws JsonProcessingException {
        PinExport export;
        try {
            export = new PinExport(host, includeSubdomains, PinArguments.all(keyPins), PinArguments.all(caPins),
                    expirationDate(), reportUris);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Map<String, String> forms = new LinkedHashMap<>();
        switch (format) {
            case okhttp -> {
                forms.put("kotlin", OkHttpPins.kotlin(export));
                forms.put("java", OkHttpPins.java(export));
            }
            case android -> forms.put("xml", AndroidNetworkSecurityConfig.xml(export));
            case trustkit -> {
                forms.put("swift", TrustKitConfig.swift(export));
                forms.put("plist", TrustKitConfig.plist(export));
            }
            case curl -> {
                try {
                    forms.put("pinnedpubkey", CurlPins.pinnedPubKey(export));
                    forms.put("command", CurlPins.commandLine(export));
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
        }
        List<String> problems = new ArrayList<>();
        if (export.allPins().size() < 2) {
            problems.add("only one pin: with no backup pin, losing that key locks every client out");
        }
        if (format == Format.trustkit) {
            problems.addAll(TrustKitConfig.problems(export));
        }
        if (format == Format.android && expiration == null) {
            System.err.println("pinkeeper: note: without --expiration an app that is never updated enforces these pins for ever");
        }
        if (jsonOption.json()) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("format", format.name());
            document.put("host", host);
            document.put("pins", export.allPins().stream().map(p -> p.base64()).toList());
            document.putAll(forms);
            document.put("problems", problems);
            Json.printLine(document);
        } else if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("pinkeeper: refused: " + p));
        } else {
            boolean several = forms.size() > 1;
            forms.forEach((name, text) -> {
                if (several) {
                    System.out.println("# --- " + name + " ---");
                }
                System.out.print(text.endsWith("\n") ? text : text + "\n");
            });
        }
        return problems.isEmpty() ? ExitCode.OK : ExitCode.REJECTED;
    }

    private LocalDate expirationDate() {
        if (expiration == null) {
            return null;
        }
        try {
            return LocalDate.parse(expiration);
        } catch (DateTimeParseException e) {
            throw new UsageException("--expiration: not a date (YYYY-MM-DD): " + expiration);
        }
    }
}
