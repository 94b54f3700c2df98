package dev.kefu.store;

import dev.kefu.visitor.Block;
import dev.kefu.visitor.Blocks;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Blocks} on SQL; expires_at null means never. */
public final class SqlBlocks implements Blocks {
    private static final String COLUMNS = "id, workspace_id, kind, target, reason, expires_at, created_by, created_at";

    private final Database db;

    public SqlBlocks(Database db) {
        this.db = db;
    }

    @Override
    public List<Block> active(String workspaceId, long now) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM blocks WHERE workspace_id = ? "
                    + "AND (expires_at IS NULL OR expires_at > ?) ORDER BY created_at DESC, id DESC")) {
                ps.setString(1, workspaceId);
                ps.setLong(2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Block> out = new ArrayList<>();
                    while (rs.next()) {
                        block(rs).ifPresent(out::add);
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public Optional<Block> find(String workspaceId, String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM blocks WHERE workspace_id = ? AND id = ?")) {
                ps.setString(1, workspaceId);
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? block(rs) : Optional.empty();
                }
            }
        });
    }

    private static Optional<Block> block(ResultSet rs) throws SQLException {
        long expires = rs.getLong(6);
        return Block.Kind.parse(rs.getString(3)).map(kind -> {
            try {
                return new Block(rs.getString(1), rs.getString(2), kind, rs.getString(4), rs.getString(5), expires,
                        rs.getString(7), rs.getLong(8));
            } catch (SQLException e) {
                throw new StoreFailure("cannot read a block", e);
            }
        });
    }

    @Override
    public void create(Block b) {
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO blocks (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, b.id());
                ps.setString(2, b.workspaceId());
                ps.setString(3, b.kind().wire());
                ps.setString(4, b.target());
                ps.setString(5, b.reason());
                if (b.expiresAt() == 0) {
                    ps.setNull(6, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(6, b.expiresAt());
                }
                ps.setString(7, b.createdBy());
                ps.setLong(8, b.createdAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean delete(String workspaceId, String id) {
        int n = db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM blocks WHERE workspace_id = ? AND id = ?")) {
                ps.setString(1, workspaceId);
                ps.setString(2, id);
                return ps.executeUpdate();
            }
        });
        return n > 0;
    }
}
