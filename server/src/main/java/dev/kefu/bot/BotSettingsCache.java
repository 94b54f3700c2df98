package dev.kefu.bot;

import dev.kefu.common.Caller;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Bot settings per workspace, read through a short-lived cache: every visitor message needs them, and in a
 * cluster another node may have changed them (so entries expire after a few seconds). Thread-safe; blocking on
 * a miss.
 */
public final class BotSettingsCache {
    private static final long TTL_MILLIS = 5_000;

    private record Entry(BotSettings settings, Optional<String> apiKey, long loadedAt) {
    }

    private final BotSettingsStore store;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    public BotSettingsCache(BotSettingsStore store, LongSupplier clock) {
        this.store = store;
        this.clock = clock;
    }

    public BotSettings of(String workspaceId) {
        return entry(workspaceId).settings();
    }

    /** The model endpoint with its key, when the workspace answers with a model. */
    public Optional<LlmEndpoint> endpoint(String workspaceId) {
        Entry e = entry(workspaceId);
        BotSettings s = e.settings();
        if (!s.usesLlm() || s.llmBaseUrl() == null) {
            return Optional.empty();
        }
        return Optional.of(new LlmEndpoint(s.llmBaseUrl(), s.llmModel(), e.apiKey().orElse(null), s.llmSystemPrompt()));
    }

    private Entry entry(String workspaceId) {
        long now = clock.getAsLong();
        Entry e = cache.get(workspaceId);
        if (e == null || now - e.loadedAt() > TTL_MILLIS) {
            e = new Entry(store.settings(workspaceId).orElse(BotSettings.DEFAULTS), store.apiKey(workspaceId), now);
            cache.put(workspaceId, e);
        }
        return e;
    }

    /** Whether an API key is stored (the key itself never leaves the server). */
    public boolean hasApiKey(String workspaceId) {
        return entry(workspaceId).apiKey().isPresent();
    }

    public BotSettings save(Caller.Agent caller, BotSettings settings, String apiKey) {
        caller.requireAdmin();
        BotSettings valid = settings.validate();
        if (apiKey != null && apiKey.length() > 500) {
            throw dev.kefu.common.KefuException.invalid("apiKey is longer than 500 characters");
        }
        store.save(caller.workspaceId(), valid, apiKey);
        cache.remove(caller.workspaceId());
        return valid;
    }
}
