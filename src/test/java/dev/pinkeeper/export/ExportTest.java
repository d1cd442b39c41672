package dev.pinkeeper.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.xml.parsers.DocumentBuilderFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import dev.pinkeeper.pin.Pin;
import okhttp3.CertificatePinner;

class ExportTest {
    static X509Certificate served;
    static Pin servedPin;
    static Pin backupPin;

    @BeforeAll
    static void certificate() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        KeyPair key = ec.generateKeyPair();
        X500Name name = new X500Name("CN=app.example.test");
        served = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plusSeconds(3600)), name, key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
        servedPin = Pin.ofSpki(key.getPublic().getEncoded());
        backupPin = Pin.ofSpki(ec.generateKeyPair().getPublic().getEncoded());
    }

    private static PinExport export(boolean includeSubdomains, List<Pin> keys) {
        return new PinExport("app.example.test", includeSubdomains, keys, List.of(), LocalDate.of(2027, 3, 1),
                List.of("https://reports.example.test/pkp"));
    }

    /** Builds an OkHttp pinner from the lines the Java snippet contains, as a developer pasting it would. */
    private static CertificatePinner pinnerFromSnippet(String snippet) {
        CertificatePinner.Builder builder = new CertificatePinner.Builder();
        for (String line : snippet.split("\n")) {
            if (line.strip().startsWith(".add(")) {
                List<String> quoted = new ArrayList<>();
                int at = 0;
                while ((at = line.indexOf('"', at)) >= 0) {
                    int end = line.indexOf('"', at + 1);
                    quoted.add(line.substring(at + 1, end));
                    at = end + 1;
                }
                builder.add(quoted.get(0), quoted.get(1));
            }
        }
        return builder.build();
    }

    @Test
    void okHttpAcceptsTheServedKeyAndRejectsAChainWithoutAnyPinnedKey() throws Exception {
        CertificatePinner pinner = pinnerFromSnippet(OkHttpPins.java(export(false, List.of(servedPin, backupPin))));
        pinner.check("app.example.test", List.of(served));

        CertificatePinner backupOnly = pinnerFromSnippet(OkHttpPins.java(export(false, List.of(backupPin))));
        assertThatThrownBy(() -> backupOnly.check("app.example.test", List.of(served)))
                .isInstanceOf(SSLPeerUnverifiedException.class);
    }

    @Test
    void okHttpSubdomainPatternCoversSubdomainsAndTheHostItself() throws Exception {
        PinExport export = export(true, List.of(servedPin, backupPin));
        CertificatePinner pinner = pinnerFromSnippet(OkHttpPins.kotlin(export));
        assertThat(OkHttpPins.pattern(export)).isEqualTo("**.app.example.test");
        pinner.check("api.app.example.test", List.of(served));
        pinner.check("app.example.test", List.of(served));

        CertificatePinner backupOnly = pinnerFromSnippet(OkHttpPins.kotlin(export(true, List.of(backupPin))));
        assertThatThrownBy(() -> backupOnly.check("deep.api.app.example.test", List.of(served)))
                .isInstanceOf(SSLPeerUnverifiedException.class);
        assertThatThrownBy(() -> backupOnly.check("app.example.test", List.of(served)))
                .isInstanceOf(SSLPeerUnverifiedException.class);
    }

    @Test
    void androidConfigIsWellFormedXmlWithEveryPinAndTheExpiration() throws Exception {
        String xml = AndroidNetworkSecurityConfig.xml(export(true, List.of(servedPin, backupPin)));
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        NodeList pins = document.getElementsByTagName("pin");
        assertThat(pins.getLength()).isEqualTo(2);
        assertThat(pins.item(0).getTextContent()).isEqualTo(servedPin.base64());
        assertThat(pins.item(1).getTextContent()).isEqualTo(backupPin.base64());
        assertThat(document.getElementsByTagName("pin-set").item(0).getAttributes().getNamedItem("expiration")
                .getTextContent()).isEqualTo("2027-03-01");
        assertThat(document.getElementsByTagName("domain").item(0).getAttributes()
                .getNamedItem("includeSubdomains").getTextContent()).isEqualTo("true");
    }

    @Test
    void trustKitPlistIsWellFormedAndNeedsTwoPins() throws Exception {
        PinExport export = export(false, List.of(servedPin, backupPin));
        String plist = "<plist>" + TrustKitConfig.plist(export) + "</plist>";
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(plist.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getElementsByTagName("string").getLength()).isEqualTo(4); // date, uri, 2 pins
        assertThat(TrustKitConfig.swift(export)).contains("\"" + backupPin.base64() + "\"");
        assertThat(TrustKitConfig.problems(export)).isEmpty();
        assertThat(TrustKitConfig.problems(export(false, List.of(servedPin)))).hasSize(1);
    }

    @Test
    void curlGetsOnlyTheSiteKeysNeverCaPins() {
        Pin ca = Pin.ofDigest(new byte[32]);
        PinExport export = new PinExport("app.example.test", false, List.of(servedPin, backupPin), List.of(ca),
                null, List.of());
        assertThat(CurlPins.pinnedPubKey(export))
                .isEqualTo("sha256//" + servedPin.base64() + ";sha256//" + backupPin.base64());
        PinExport caOnly = new PinExport("app.example.test", false, List.of(), List.of(ca), null, List.of());
        assertThatThrownBy(() -> CurlPins.pinnedPubKey(caOnly)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostsAndUrisThatWouldBreakTheGeneratedFilesAreRefused() {
        assertThatThrownBy(() -> new PinExport("a\"b.test", false, List.of(servedPin), List.of(), null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PinExport("x</domain>.test", false, List.of(servedPin), List.of(), null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PinExport("a.test", false, List.of(servedPin), List.of(), null,
                List.of("javascript:alert(1)"))).isInstanceOf(IllegalArgumentException.class);
    }
}
