package dev.pinkeeper.report.store;

import java.sql.SQLException;
import java.util.function.Predicate;

/** Reads the SQLSTATE of a JDBC failure, wherever the driver put it: in the chain of next exceptions or of causes. */
final class SqlStates {
    private SqlStates() {
    }

    /**
     * Whether {@code e} has a standard SQLSTATE saying the data itself was refused: class 22 (data
     * exception), 23 (integrity constraint) or 54 (program limit).
     */
    static boolean refusesData(SQLException e) {
        return any(e, state -> state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }

    /** Whether any SQLException in {@code e}'s next-exception and cause chains has a SQLSTATE passing {@code test}. */
    static boolean any(SQLException e, Predicate<String> test) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            for (Throwable t = next; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && sql.getSQLState() != null && test.test(sql.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }
}
