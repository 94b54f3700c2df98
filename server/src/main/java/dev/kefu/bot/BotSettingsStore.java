package dev.kefu.bot;

import java.util.Optional;

/** Port: stored bot settings and the sealed API key. Blocking. */
public interface BotSettingsStore {
    Optional<BotSettings> settings(String workspaceId);

    /** The API key in clear, for a call to the model; never for an API response. */
    Optional<String> apiKey(String workspaceId);

    /**
     * @param apiKey null keeps the stored key, "" removes it, anything else replaces it
     */
    void save(String workspaceId, BotSettings settings, String apiKey);
}
