package dev.pinkeeper.report.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

/** How many rows each host name has in a report database, read with plain JDBC. */
public final class StoredHosts {
    private StoredHosts() {
    }

    public static Map<String, Integer> count(String jdbcUrl, String suffix) throws Exception {
        Map<String, Integer> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                PreparedStatement s = c.prepareStatement("SELECT hostname, COUNT(*) FROM reports WHERE hostname LIKE ? GROUP BY hostname")) {
            s.setString(1, "%." + suffix);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return rows;
    }
}
