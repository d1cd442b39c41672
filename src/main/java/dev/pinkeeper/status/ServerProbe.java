package dev.pinkeeper.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.pinkeeper.lifecycle.DeploySettings;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.verify.FetchException;
import dev.pinkeeper.verify.LiveFetcher;
import dev.pinkeeper.verify.LiveResponse;
import dev.pinkeeper.verify.SiteAddress;

/**
 * Whether a server serves a site's live release: one HTTPS request to the probe address the deploy settings
 * name ({@link LiveFetcher}, the fetcher of {@code pinkeeper verify}), whose leaf key must be one the release
 * serves and whose pin headers must be the ones the last deployment recorded.
 */
final class ServerProbe {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ServerProbe() {
    }

    /** What the probe answered. */
    record Answer(Boolean follows, String detail) {
    }

    /**
     * Probes the server of {@code settings} for the first domain's name.
     *
     * @param leafPins the keys the live release serves
     * @param headers  the pin headers recorded as served
     */
    static Answer probe(DeploySettings settings, String firstDomain, Set<Pin> leafPins, List<PkpHeader> headers) {
        DeploySettings.Endpoint endpoint;
        String name;
        try {
            endpoint = settings.probeEndpoint();
            name = settings.probeServerName(firstDomain);
        } catch (RuntimeException e) {
            return new Answer(null, "the saved probe address cannot be used: " + e.getMessage());
        }
        if (endpoint == null) {
            return new Answer(null, "not probed: the deploy settings name no probe address");
        }
        LiveResponse response;
        try {
            response = new LiveFetcher().timeout(TIMEOUT).connectTo(endpoint.host())
                    .fetch(new SiteAddress(name, endpoint.port(), "/"));
        } catch (FetchException | IllegalArgumentException e) {
            return new Answer(false, name + " at " + endpoint.host() + ":" + endpoint.port() + " cannot be read: "
                    + e.getMessage());
        }
        Pin leaf = Pin.ofSpki(response.servedChain().get(0).getPublicKey().getEncoded());
        String where = name + " at " + endpoint.host() + ":" + endpoint.port();
        if (!leafPins.contains(leaf)) {
            return new Answer(false, where + " serves key " + leaf.base64() + ", not a key of the live release");
        }
        List<String> served = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (String header : List.of(PkpHeader.NAME, PkpHeader.REPORT_ONLY_NAME)) {
            response.values(header).forEach(value -> served.add(header + ": " + value));
        }
        headers.forEach(h -> expected.add(h.toString()));
        if (!served.stream().sorted().toList().equals(expected.stream().sorted().toList())) {
            return new Answer(false, where + " sends " + (served.isEmpty() ? "no pin header" : String.join(" | ", served))
                    + ", not the deployed " + (expected.isEmpty() ? "absence of pin headers" : String.join(" | ", expected)));
        }
        return new Answer(true, where + " serves the live release's key and headers");
    }
}
