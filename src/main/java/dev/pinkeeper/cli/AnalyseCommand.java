package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.AtOption;
import dev.pinkeeper.cli.options.JsonOption;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import dev.pinkeeper.analyse.HeaderAnalyser;
import dev.pinkeeper.analyse.HeaderAnalysis;
import dev.pinkeeper.catalogue.CaCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper analyse}: a human report on a Public-Key-Pins header against the served chain. */
@Command(name = "analyse", aliases = "analyze", mixinStandardHelpOptions = true,
        header = "Report on a Public-Key-Pins header against a served chain, with a verdict and what to fix.",
        description = {"Report on a Public-Key-Pins header against a served chain: every certificate and pin,",
            "backup pins, CA keys (named from a bundled catalogue), single-CA pinning, max-age against",
            "the leaf's lifetime, includeSubDomains, report-uri (and whether Chromium would send reports to it),",
            "and a verdict with what to fix.",
            "Exit 0 good, 1 problems, 2 bad input."})
final class AnalyseCommand implements Callable<Integer> {
    @Option(names = "--header", required = true, paramLabel = "VALUE", description = "The Public-Key-Pins header value.")
    String header;

    @Option(names = "--chain", required = true, paramLabel = "FILE",
            description = "The served chain: PEM certificates, leaf first; '-' is stdin.")
    String chain;

    @Option(names = "--trust", paramLabel = "FILE",
            description = "PEM trust anchors (repeatable); default: the JDK's trust store.")
    List<String> trust;

    @Option(names = "--host", paramLabel = "NAME",
            description = "The host the header is served for: the leaf must name it (default: any name of the leaf).")
    String host;

    @Mixin
    AtOption atOption;

    @Mixin
    JsonOption jsonOption;

    @Override
    public Integer call() {
        Instant time = atOption.instant();
        List<X509Certificate> served = Chains.read(chain);
        HeaderAnalysis analysis = new HeaderAnalyser(CaCatalogue.bundled())
                .analyse(Chains.validator(trust), served, header, false, host, time);
        if (jsonOption.json()) {
            Json.printLine(AnalysisDocument.of(analysis, true));
        } else {
            AnalysisOutput.printText(analysis, System.out);
        }
        return analysis.good() ? ExitCode.OK : ExitCode.REJECTED;
    }
}
