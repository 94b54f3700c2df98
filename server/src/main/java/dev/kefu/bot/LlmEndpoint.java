package dev.kefu.bot;

import java.net.URI;
import java.util.Objects;

/**
 * Where a workspace's bot gets its answers: any OpenAI-compatible chat-completions API.
 *
 * @param baseUrl      the API root, e.g. {@code https://api.openai.com/v1} or {@code http://localhost:11434/v1};
 *                     {@code /chat/completions} is appended
 * @param model        the model name the server expects, e.g. {@code gpt-4o-mini} or {@code qwen2.5:7b}
 * @param apiKey       the bearer key in plain text, or empty when the server needs none (a local Ollama);
 *                     held only in memory — at rest it is sealed, and {@link #toString()} never prints it
 * @param systemPrompt the workspace's own instructions (persona, tone); may be empty
 */
public record LlmEndpoint(String baseUrl, String model, String apiKey, String systemPrompt) {
    public LlmEndpoint {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        apiKey = apiKey == null ? "" : apiKey;
        systemPrompt = systemPrompt == null ? "" : systemPrompt;
        baseUrl = stripTrailingSlashes(baseUrl.strip());
        if (!isHttpUrl(baseUrl)) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL");
        }
        if (model.isBlank()) {
            throw new IllegalArgumentException("model is required");
        }
    }

    public boolean hasApiKey() {
        return !apiKey.isBlank();
    }

    /** Without the key: endpoints end up in logs and exception messages. */
    @Override
    public String toString() {
        return "LlmEndpoint[baseUrl=" + baseUrl + ", model=" + model + ", apiKey=" + (hasApiKey() ? "***" : "none")
                + ", systemPrompt=" + systemPrompt.length() + " chars]";
    }

    private static String stripTrailingSlashes(String url) {
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '/') {
            end--;
        }
        return url.substring(0, end);
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
