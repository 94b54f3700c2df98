package dev.kefu.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The machine's PostgreSQL (127.0.0.1:5432, database test, trust auth): a fresh schema per caller. */
public final class Postgres {
    public static final String BASE = "jdbc:postgresql://127.0.0.1:5432/test";

    private Postgres() {
    }

    public static String freshSchemaUrl() throws SQLException {
        String schema = "kefu_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(BASE, "postgres", null);
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return BASE + "?currentSchema=" + schema;
    }
}
