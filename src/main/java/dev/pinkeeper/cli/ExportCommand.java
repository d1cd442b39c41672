package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.JsonOption;
import dev.pinkeeper.cli.options.Times;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.pinkeeper.export.ClientExport;
import dev.pinkeeper.export.ClientFormat;
import dev.pinkeeper.export.PinExport;
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
    public Integer call() {
        ClientExport result;
        try {
            PinExport export = new PinExport(host, includeSubdomains, PinArguments.all(keyPins), PinArguments.all(caPins),
                    expirationDate(), reportUris);
            result = ClientExport.of(ClientFormat.valueOf(format.name().toUpperCase(Locale.ROOT)), export);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (result.enforcedForEver()) {
            System.err.println("pinkeeper: note: without --expiration an app that is never updated enforces these pins for ever");
        }
        if (jsonOption.json()) {
            Json.printLine(ExportDocument.of(result));
        } else if (result.refused()) {
            result.problems().forEach(p -> System.err.println("pinkeeper: refused: " + p));
        } else {
            boolean several = result.forms().size() > 1;
            result.forms().forEach((name, text) -> {
                if (several) {
                    System.out.println("# --- " + name + " ---");
                }
                System.out.print(text.endsWith("\n") ? text : text + "\n");
            });
        }
        return result.refused() ? ExitCode.REJECTED : ExitCode.OK;
    }

    private LocalDate expirationDate() {
        return Times.date("--expiration", expiration);
    }
}
