package dev.pinkeeper.report.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pinkeeper.report.ReceivedReport;
import dev.pinkeeper.report.ReportClass;
import dev.pinkeeper.report.ReportFormat;

/**
 * An append-only file of reports waiting for the database: one line per report, a CRC-32 then
 * its JSON. {@link #append} returns only after the lines are on disk (fsync). A line torn by a
 * crash fails its CRC and is skipped on reading: it was never acknowledged. Not thread-safe:
 * one writer thread owns it.
 */
public final class Spool implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;

    /** Opens (creating) the spool file {@code file}; its directory is created 0700. */
    public Spool(Path file) throws IOException {
        this.file = file;
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
        }
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        terminateTornLine();
    }

    /** Ends a line torn by a crash, so that the next report starts on a line of its own. */
    private void terminateTornLine() throws IOException {
        long size = channel.size();
        if (size == 0) {
            return;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            reader.read(last, size - 1);
        }
        if (last.get(0) != '\n') {
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
            channel.force(false);
        }
    }

    /** The spool file. */
    public Path file() {
        return file;
    }

    /** Whether nothing waits in the spool. */
    public boolean isEmpty() throws IOException {
        return channel.size() == 0;
    }

    /** Appends the reports and forces them to disk before returning. */
    public void append(List<ReceivedReport> reports) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (ReceivedReport r : reports) {
            String json = JSON.writeValueAsString(toMap(r));
            CRC32 crc = new CRC32();
            crc.update(json.getBytes(StandardCharsets.UTF_8));
            lines.append(String.format("%08x", crc.getValue())).append(' ').append(json).append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
    }

    /** Every intact report in the spool, in the order written. */
    public List<ReceivedReport> readAll() throws IOException {
        List<ReceivedReport> reports = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                ReceivedReport r = parse(line);
                if (r != null) {
                    reports.add(r);
                }
            }
        }
        return reports;
    }

    /** Empties the spool (after its reports are stored). */
    public void clear() throws IOException {
        channel.truncate(0);
        channel.force(true);
    }

    private static ReceivedReport parse(String line) {
        if (line.length() < 10 || line.charAt(8) != ' ') {
            return null;
        }
        String json = line.substring(9);
        CRC32 crc = new CRC32();
        crc.update(json.getBytes(StandardCharsets.UTF_8));
        if (!String.format("%08x", crc.getValue()).equals(line.substring(0, 8))) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(json);
            return new ReceivedReport(UUID.fromString(n.get("id").asText()), Instant.parse(n.get("receivedAt").asText()),
                    ReportFormat.ofLabel(n.get("format").asText()), text(n, "hostname"),
                    n.hasNonNull("port") ? n.get("port").asInt() : null, text(n, "notedHostname"), text(n, "site"),
                    ReportClass.ofLabel(n.get("reportClass").asText()), text(n, "reason"), text(n, "headerVersion"),
                    text(n, "leafSubject"), text(n, "leafIssuer"), text(n, "rootSubject"), text(n, "chainPins"),
                    text(n, "knownPins"), text(n, "appBundleId"), text(n, "body"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Map<String, Object> toMap(ReceivedReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id().toString());
        m.put("receivedAt", r.receivedAt().toString());
        m.put("format", r.format().label());
        m.put("hostname", r.hostname());
        m.put("port", r.port());
        m.put("notedHostname", r.notedHostname());
        m.put("site", r.site());
        m.put("reportClass", r.reportClass().label());
        m.put("reason", r.reason());
        m.put("headerVersion", r.headerVersion());
        m.put("leafSubject", r.leafSubject());
        m.put("leafIssuer", r.leafIssuer());
        m.put("rootSubject", r.rootSubject());
        m.put("chainPins", r.chainPins());
        m.put("knownPins", r.knownPins());
        m.put("appBundleId", r.appBundleId());
        m.put("body", r.body());
        return m;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
