import java.util.Arrays;
import java.util.Base64;

import dev.pinkeeper.pin.PkpHeaderParser;
import dev.pinkeeper.pin.UserAgent;

/**
 * Header parses per second for each user agent's rules, on a typical Public-Key-Pins value
 * (three pins, max-age, includeSubDomains, report-uri). Run by bench/header-parse.sh.
 */
public class HeaderParseBench {
    public static void main(String[] args) {
        StringBuilder value = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            byte[] digest = new byte[32];
            Arrays.fill(digest, (byte) i);
            value.append("pin-sha256=\"").append(Base64.getEncoder().encodeToString(digest)).append("\"; ");
        }
        value.append("max-age=5184000; includeSubDomains; report-uri=\"https://r.example/hpkp\"");
        String header = value.toString();
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 3;
        for (UserAgent ua : UserAgent.values()) {
            run(ua, header, 200_000); // warm-up
            long start = System.nanoTime();
            long count = 0;
            while (System.nanoTime() - start < seconds * 1_000_000_000L) {
                count += run(ua, header, 10_000);
            }
            double rate = count / ((System.nanoTime() - start) / 1e9);
            System.out.printf("%-8s %,12.0f parses/s%n", ua.label(), rate);
        }
    }

    private static int run(UserAgent ua, String header, int times) {
        int valid = 0;
        for (int i = 0; i < times; i++) {
            if (PkpHeaderParser.parse(ua, header, false).valid()) {
                valid++;
            }
        }
        if (valid != times) {
            throw new IllegalStateException(ua + " rejected the benchmark header");
        }
        return times;
    }
}
