package dev.pinkeeper.rehearse;

import dev.pinkeeper.analyse.Finding;
import dev.pinkeeper.analyse.Severity;
import dev.pinkeeper.catalogue.CaCatalogue;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.pin.ChainValidator;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.PlanView;
import dev.pinkeeper.read.CertificateChainReader;
import dev.pinkeeper.read.UnreadableInputException;
import dev.pinkeeper.verify.ExpectedServing;
import dev.pinkeeper.verify.FetchException;
import dev.pinkeeper.verify.LiveCheck;
import dev.pinkeeper.verify.LiveFetcher;
import dev.pinkeeper.verify.LiveReport;
import dev.pinkeeper.verify.LiveVerifier;
import dev.pinkeeper.pin.HeaderParse;
import dev.pinkeeper.verify.ServedPinHeader;
import dev.pinkeeper.verify.SiteAddress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code pinkeeper verify --site} checks, as a library call: the site's server, on 127.0.0.1,
 * serves what its plan says at a (simulated) instant — the plan's current key as the leaf, a chain
 * that validates to the given roots, the plan's pins in the plan's mode with its max-age and
 * directives ({@link LiveVerifier#verifyAgainst}).
 */
final class PlanCheck {
    private final PlanService plans;
    private final String site;
    private final SiteAddress address;
    private final LiveCheck live;

    PlanCheck(PlanService plans, String site, String host, int port, Path roots) throws IOException {
        this.plans = plans;
        this.site = site;
        this.address = SiteAddress.parse("https://" + host + ":" + port + "/");
        LiveFetcher fetcher = new LiveFetcher().connectTo("127.0.0.1").timeout(Duration.ofSeconds(5));
        try (InputStream in = Files.newInputStream(roots)) {
            this.live = new LiveCheck(fetcher,
                    new LiveVerifier(new ChainValidator(CertificateChainReader.read(in)), CaCatalogue.bundled()));
        } catch (UnreadableInputException e) {
            throw new IOException(roots + ": " + e.getMessage(), e);
        }
    }

    /** Fetches the site and checks it against its plan at {@code at}. */
    LiveReport check(Instant at) throws IOException, InventoryException, PlanException {
        PlanView view = plans.view(site, at);
        try {
            return live.checkAgainst(address, ExpectedServing.of(view), at);
        } catch (FetchException e) {
            throw new IOException(address.url() + ": " + e.getMessage(), e);
        }
    }

    /** One line: the headers served and "as planned", or the codes of the errors and warnings. */
    static String describe(LiveReport report) {
        List<String> served = new ArrayList<>();
        for (ServedPinHeader header : report.pinHeaders()) {
            HeaderParse parse = header.analysis().check().parse();
            served.add(header.name() + " max-age=" + parse.maxAge() + " with " + parse.pins().size() + " pins");
        }
        if (report.good()) {
            return "good: " + String.join(", ", served) + ", as planned";
        }
        List<String> problems = new ArrayList<>();
        for (Finding finding : report.findings()) {
            if (finding.severity() != Severity.NOTE) {
                problems.add(finding.code());
            }
        }
        for (ServedPinHeader header : report.pinHeaders()) {
            header.analysis().findings().stream().filter(f -> f.severity() != Severity.NOTE)
                    .forEach(f -> problems.add(f.code()));
        }
        return "problems: " + String.join(", ", problems);
    }
}
