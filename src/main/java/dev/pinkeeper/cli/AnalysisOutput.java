package dev.pinkeeper.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;


import dev.pinkeeper.analyse.Finding;
import dev.pinkeeper.analyse.HeaderAnalysis;
import dev.pinkeeper.analyse.PinRole;
import dev.pinkeeper.analyse.Severity;
import dev.pinkeeper.catalogue.CaKey;
import dev.pinkeeper.pin.ChainCertificate;
import dev.pinkeeper.pin.HeaderParse;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PinValidation;

/** Prints a {@link HeaderAnalysis} (and the parts other reports share) as text ({@link AnalysisDocument} is its JSON); used by analyse and verify. */
final class AnalysisOutput {
    private AnalysisOutput() {
    }

    /** The whole analyse report: header, chains, pins, findings and verdict. */
    static void printText(HeaderAnalysis a, PrintStream out) {
        PinValidation v = a.check().validation();
        out.println("Public-Key-Pins analysis at " + a.at());
        out.println(headerLine(a.check().parse()));
        out.println();
        out.println("served chain:");
        printChain(v.servedChain(), out, "  ", a::known);
        out.println("validated chain:" + (v.validatedChain().isEmpty() ? " none (" + v.reason() + ")" : ""));
        printChain(v.validatedChain(), out, "  ", a::known);
        if (!a.pins().isEmpty()) {
            out.println("pins:");
            printPins(a, out, "  ");
        }
        out.println();
        out.println("findings:" + (a.findings().isEmpty() ? " none" : ""));
        printFindings(a.findings(), out, "  ");
        out.println();
        out.println(verdict(a.good(), a.count(Severity.ERROR), a.count(Severity.WARNING), a.count(Severity.NOTE)));
    }

    /** {@code header: 2 pins, max-age=… (… days), includeSubDomains: no, report-uri: none}, or why it is invalid. */
    static String headerLine(HeaderParse parse) {
        if (!parse.valid()) {
            return "header: not valid: " + parse.error();
        }
        return "header: " + parse.pins().size() + (parse.pins().size() == 1 ? " pin" : " pins") + ", max-age=" + parse.maxAge()
                + (parse.maxAge() == null ? "" : " (" + parse.maxAge() / 86400 + " days)")
                + ", includeSubDomains: " + (parse.includeSubDomains() ? "yes" : "no")
                + ", report-uri: " + (parse.reportUri() == null ? "none" : parse.reportUri());
    }

    static void printChain(List<ChainCertificate> chain, PrintStream out, String indent, Function<Pin, List<CaKey>> known) {
        for (int i = 0; i < chain.size(); i++) {
            ChainCertificate c = chain.get(i);
            out.println(indent + "#" + i + "  pin-sha256=\"" + c.pin() + "\"  " + (c.pinned() ? "pinned" : "-     ")
                    + "  " + c.subject() + names(known.apply(c.pin())));
        }
    }

    static void printPins(HeaderAnalysis a, PrintStream out, String indent) {
        for (PinRole role : a.pins()) {
            String what = role.leaf() ? "the leaf's key (current key)"
                    : !role.backup() ? (a.check().validation().chainValid() ? "validated" : "served") + " chain #"
                            + role.chainIndex() + " " + role.chainSubject()
                    : role.unknown() ? "backup: matches nothing known (a key you hold?)"
                    : "backup";
            out.println(indent + "pin-sha256=\"" + role.pin() + "\"  " + what + names(a.known(role.pin())));
        }
    }

    static void printFindings(List<Finding> findings, PrintStream out, String indent) {
        for (Finding f : findings) {
            out.printf("%s%-8s %s%n", indent, f.severity().label(), f.message());
            if (f.fix() != null) {
                out.println(indent + "         fix: " + fix(f));
            }
        }
    }

    /** {@code verdict: good (0 errors, 0 warnings, 2 notes)} or {@code verdict: problems (…): fix …}. */
    static String verdict(boolean good, long errors, long warnings, long notes) {
        return "verdict: " + (good ? "good" : "problems") + " (" + count(errors, "error") + ", "
                + count(warnings, "warning") + ", " + count(notes, "note") + ")"
                + (good ? "" : ": fix the errors and warnings above before deploying");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String names(List<CaKey> keys) {
        return keys.isEmpty() ? "" : "  [" + String.join(" / ", keys.stream().map(CaKey::describe).toList()) + "]";
    }

    /** The fix of {@code f} with the command line's way to do it, where the finding's code has one. */
    static String fix(Finding f) {
        if (f.fix() == null) {
            return null;
        }
        if (f.code().equals("ip-address")) {
            return f.fix() + " (with --connect-to for the address)";
        }
        if (f.code().startsWith("ua-")) {
            return f.fix() + " (pinkeeper header parse --ua " + f.code().substring("ua-".length()) + ")";
        }
        return f.fix();
    }
}
