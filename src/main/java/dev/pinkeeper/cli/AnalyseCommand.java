package dev.pinkeeper.cli;

import java.io.PrintStream;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.analyse.Finding;
import dev.pinkeeper.analyse.HeaderAnalyser;
import dev.pinkeeper.analyse.HeaderAnalysis;
import dev.pinkeeper.analyse.PinRole;
import dev.pinkeeper.analyse.Severity;
import dev.pinkeeper.catalogue.CaCatalogue;
import dev.pinkeeper.catalogue.CaKey;
import dev.pinkeeper.pin.ChainCertificate;
import dev.pinkeeper.pin.HeaderParse;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PinValidation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pinkeeper analyse}: a human report on a Public-Key-Pins header against the served chain. */
@Command(name = "analyse", aliases = "analyze", mixinStandardHelpOptions = true,
        description = {"Report on a Public-Key-Pins header against a served chain: every certificate and pin,",
            "backup pins, CA keys (named from a bundled catalogue), single-CA pinning, max-age against",
            "the leaf's lifetime, includeSubDomains, report-uri, and a verdict with what to fix.",
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

    @Option(names = "--at", paramLabel = "ISO-8601", description = "Analyse at this time (default: now).")
    String at;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() {
        Instant time = Times.parse("--at", at);
        List<X509Certificate> served = Chains.read(chain);
        HeaderAnalysis analysis = new HeaderAnalyser(CaCatalogue.bundled())
                .analyse(Chains.validator(trust), served, header, time);
        if (json) {
            printJson(analysis, System.out);
        } else {
            printText(analysis, System.out);
        }
        return analysis.good() ? ExitCode.OK : ExitCode.REJECTED;
    }

    private static String known(HeaderAnalysis analysis, Pin pin) {
        List<CaKey> keys = analysis.known(pin);
        return keys.isEmpty() ? "" : "  [" + String.join(" / ", keys.stream().map(CaKey::describe).toList()) + "]";
    }

    private static void printText(HeaderAnalysis a, PrintStream out) {
        HeaderParse parse = a.check().parse();
        PinValidation v = a.check().validation();
        out.println("Public-Key-Pins analysis at " + a.at());
        if (parse.valid()) {
            out.println("header: " + parse.pins().size() + " pins, max-age=" + parse.maxAge()
                    + (parse.maxAge() == null ? "" : " (" + parse.maxAge() / 86400 + " days)")
                    + ", includeSubDomains: " + (parse.includeSubDomains() ? "yes" : "no")
                    + ", report-uri: " + (parse.reportUri() == null ? "none" : parse.reportUri()));
        } else {
            out.println("header: not valid: " + parse.error());
        }
        out.println();
        out.println("served chain:");
        for (int i = 0; i < v.servedChain().size(); i++) {
            ChainCertificate c = v.servedChain().get(i);
            out.println("  #" + i + "  pin-sha256=\"" + c.pin() + "\"  " + (c.pinned() ? "pinned" : "-     ") + "  "
                    + c.subject() + known(a, c.pin()));
        }
        out.println("validated chain:" + (v.validatedChain().isEmpty() ? " none (" + v.reason() + ")" : ""));
        for (int i = 0; i < v.validatedChain().size(); i++) {
            ChainCertificate c = v.validatedChain().get(i);
            out.println("  #" + i + "  pin-sha256=\"" + c.pin() + "\"  " + (c.pinned() ? "pinned" : "-     ") + "  "
                    + c.subject() + known(a, c.pin()));
        }
        if (!a.pins().isEmpty()) {
            out.println("pins:");
            for (PinRole role : a.pins()) {
                String what = role.leaf() ? "the leaf's key (current key)"
                        : !role.backup() ? "validated chain #" + role.chainIndex() + " " + role.chainSubject()
                        : role.unknown() ? "backup: matches nothing known (a key you hold?)"
                        : "backup";
                out.println("  pin-sha256=\"" + role.pin() + "\"  " + what + known(a, role.pin()));
            }
        }
        out.println();
        out.println("findings:" + (a.findings().isEmpty() ? " none" : ""));
        for (Finding f : a.findings()) {
            out.printf("  %-8s %s%n", f.severity().label(), f.message());
            if (f.fix() != null) {
                out.println("           fix: " + f.fix());
            }
        }
        out.println();
        out.println("verdict: " + (a.good() ? "good" : "problems") + " (" + count(a, Severity.ERROR, "error") + ", "
                + count(a, Severity.WARNING, "warning") + ", " + count(a, Severity.NOTE, "note") + ")"
                + (a.good() ? "" : ": fix the errors and warnings above before deploying"));
    }

    private static String count(HeaderAnalysis a, Severity severity, String noun) {
        long n = a.count(severity);
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static void printJson(HeaderAnalysis a, PrintStream out) {
        ObjectMapper mapper = new ObjectMapper();
        HeaderParse parse = a.check().parse();
        PinValidation v = a.check().validation();
        ObjectNode root = mapper.createObjectNode();
        root.put("verdict", a.good() ? "good" : "problems");
        root.put("at", a.at().toString());
        root.put("accepted", v.accepted());
        root.put("noted", a.check().noted());
        root.put("reason", a.check().reason());
        ObjectNode headerNode = root.putObject("header");
        headerNode.put("valid", parse.valid());
        headerNode.put("error", parse.error());
        if (parse.maxAge() == null) {
            headerNode.putNull("maxAge");
        } else {
            headerNode.put("maxAge", parse.maxAge());
        }
        headerNode.put("includeSubDomains", parse.includeSubDomains());
        headerNode.put("reportUri", parse.reportUri());
        chain(a, root.putArray("servedChain"), v.servedChain());
        chain(a, root.putArray("validatedChain"), v.validatedChain());
        ArrayNode pins = root.putArray("pins");
        for (PinRole role : a.pins()) {
            ObjectNode pin = pins.addObject();
            pin.put("pin", role.pin().base64());
            pin.put("backup", role.backup());
            if (role.backup()) {
                pin.putNull("chainIndex");
            } else {
                pin.put("chainIndex", role.chainIndex());
            }
            pin.put("subject", role.chainSubject());
            known(pin.putArray("known"), role.known());
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding f : a.findings()) {
            findings.addObject().put("severity", f.severity().label()).put("code", f.code())
                    .put("message", f.message()).put("fix", f.fix());
        }
        out.println(root.toString());
    }

    private static void chain(HeaderAnalysis a, ArrayNode array, List<ChainCertificate> chain) {
        for (ChainCertificate c : chain) {
            ObjectNode node = array.addObject().put("subject", c.subject()).put("pin", c.pin().base64())
                    .put("pinned", c.pinned());
            known(node.putArray("known"), a.known(c.pin()));
        }
    }

    private static void known(ArrayNode array, List<CaKey> keys) {
        for (CaKey key : keys) {
            array.addObject().put("name", key.name()).put("role", key.role().label()).put("operator", key.operator());
        }
    }
}
