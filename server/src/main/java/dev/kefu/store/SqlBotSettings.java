package dev.kefu.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kefu.bot.BotSettings;
import dev.kefu.bot.BotSettingsStore;
import dev.kefu.crypto.SecretBox;
import dev.kefu.json.Json;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** {@link BotSettingsStore} on SQL; the API key sealed with AES-GCM ({@link SecretBox}) at rest. */
public final class SqlBotSettings implements BotSettingsStore {
    private final Database db;
    private final SecretBox box;

    public SqlBotSettings(Database db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    @Override
    public Optional<BotSettings> settings(String workspaceId) {
        String json = column(workspaceId, "settings");
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(json, BotSettings.class));
        } catch (JsonProcessingException e) {
            throw new StoreFailure("stored bot settings are unreadable", e);
        }
    }

    @Override
    public Optional<String> apiKey(String workspaceId) {
        String sealed = column(workspaceId, "api_key_sealed");
        return sealed == null ? Optional.empty() : Optional.of(box.open(sealed));
    }

    private String column(String workspaceId, String column) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM bot_settings WHERE workspace_id = ?")) {
                ps.setString(1, workspaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    @Override
    public void save(String workspaceId, BotSettings settings, String apiKey) {
        String json = new String(Json.bytes(settings), StandardCharsets.UTF_8);
        String sealed = apiKey == null || apiKey.isEmpty() ? null : box.seal(apiKey);
        db.write((c, events) -> {
            String keep;
            try (PreparedStatement ps = c.prepareStatement("SELECT api_key_sealed FROM bot_settings WHERE workspace_id = ?")) {
                ps.setString(1, workspaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    keep = rs.next() ? rs.getString(1) : null;
                }
            }
            String key = apiKey == null ? keep : sealed;
            try (PreparedStatement del = c.prepareStatement("DELETE FROM bot_settings WHERE workspace_id = ?")) {
                del.setString(1, workspaceId);
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO bot_settings (workspace_id, settings, api_key_sealed) VALUES (?, ?, ?)")) {
                ins.setString(1, workspaceId);
                ins.setString(2, json);
                ins.setString(3, key);
                ins.executeUpdate();
            }
            return null;
        });
    }
}
