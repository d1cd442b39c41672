import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.pinkeeper.report.ReceivedReport;
import dev.pinkeeper.report.ReportClass;
import dev.pinkeeper.report.ReportFormat;
import dev.pinkeeper.report.store.Databases;
import dev.pinkeeper.report.store.JdbcReportStore;
import dev.pinkeeper.report.store.ReportIds;

/**
 * What storing a report costs the database alone: rounds of ROWS classified rows with the given body,
 * in 2,048-row transactions as the collector's feeder sends them, through {@link JdbcReportStore}.
 * Prints wall time and process CPU per row for each round (later rounds are warmed up).
 * Usage: java -cp target/pinkeeper.jar:DIR StoreInsert DATABASE BODY_FILE ROWS ROUNDS [URL_OPTIONS]
 * where DATABASE is a JDBC URL, or a state directory for the collector's own embedded URL
 * ({@link Databases#embeddedUrl}) with URL_OPTIONS appended.
 */
public class StoreInsert {
    public static void main(String[] args) throws Exception {
        String url = args[0].startsWith("jdbc:") ? args[0]
                : Databases.embeddedUrl(Path.of(args[0])) + (args.length > 4 ? args[4] : "");
        String body = Files.readString(Path.of(args[1]));
        int rows = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (JdbcReportStore store = JdbcReportStore.open(url)) {
            store.count(); // migrates the schema
            for (int round = 1; round <= rounds; round++) {
                long wall = System.nanoTime();
                long cpu = os.getProcessCpuTime();
                for (int done = 0; done < rows; done += 2048) {
                    int size = Math.min(2048, rows - done); // exactly ROWS rows, so the per-row figures divide right
                    List<ReceivedReport> batch = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        Instant now = Instant.now();
                        batch.add(new ReceivedReport(ReportIds.next(now.toEpochMilli()), now, ReportFormat.RFC7469,
                                "www.example.com", 443, "example.com", "example", ReportClass.NOISE,
                                "the chain satisfies header v1 that the client holds", "v1", "CN=www.example.com",
                                "CN=Bench CA", "CN=Bench Root", "pinA,pinB,pinC", "pinK1,pinK2", null, body));
                    }
                    store.insertIfAbsent(batch);
                }
                store.sync();
                System.out.printf("round %d: %.1f us wall, %.1f us process CPU per row%n", round,
                        (System.nanoTime() - wall) / 1e3 / rows, (os.getProcessCpuTime() - cpu) / 1e3 / rows);
            }
        }
    }
}
