package dev.kefu.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of JDBC work on a connection the caller owns for its duration. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
