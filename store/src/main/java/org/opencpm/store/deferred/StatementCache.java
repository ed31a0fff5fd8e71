package org.opencpm.store.deferred;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared statements kept per connection, so that the hot paths (accept, mark, pending) do not compile
 * their SQL on every call. Each connection of {@code SqliteDatabase} is used by one thread at a time (the
 * writer, or a reader thread's own connection), so the per-connection maps need no lock. Callers do not
 * close the statements; closing the database closes them with their connections.
 */
final class StatementCache {

    private final Map<Connection, Map<String, PreparedStatement>> byConnection = new ConcurrentHashMap<>();

    PreparedStatement get(Connection c, String sql) throws SQLException {
        Map<String, PreparedStatement> statements = byConnection.computeIfAbsent(c, k -> new HashMap<>());
        PreparedStatement ps = statements.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = c.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }
}
