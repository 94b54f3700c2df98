package dev.kefu.bot;

import dev.kefu.common.KefuException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * A workspace's bot (the API key is kept apart, sealed).
 *
 * @param mode             off, always, outside_hours
 * @param answerWith       retrieval (the knowledge base alone) or llm (an OpenAI-compatible model grounded in it)
 * @param threshold        the knowledge base's confidence needed to answer, 0–1
 * @param handoffKeywords  words that send the visitor to a human at once
 * @param firstTokenMillis the model's first-token deadline
 * @param totalMillis      the model's whole-answer deadline
 */
public record BotSettings(String mode, String answerWith, double threshold, List<String> handoffKeywords,
                          String llmBaseUrl, String llmModel, String llmSystemPrompt, int firstTokenMillis,
                          int totalMillis) {
    public static final BotSettings DEFAULTS = new BotSettings("off", "retrieval", 0.45,
            List.of("人工", "转人工", "人工客服", "human", "agent", "real person"), null, null, null, 800, 15_000);

    public BotSettings {
        handoffKeywords = handoffKeywords == null ? List.of() : List.copyOf(handoffKeywords);
    }

    public BotMode botMode() {
        return BotMode.parse(mode).orElse(BotMode.OFF);
    }

    public boolean usesLlm() {
        return "llm".equals(answerWith);
    }

    public Deadlines deadlines() {
        return new Deadlines(java.time.Duration.ofMillis(firstTokenMillis), java.time.Duration.ofMillis(totalMillis));
    }

    public BotSettings validate() {
        if (BotMode.parse(mode).isEmpty()) {
            throw KefuException.invalid("mode must be off, always or outside_hours");
        }
        if (!"retrieval".equals(answerWith) && !"llm".equals(answerWith)) {
            throw KefuException.invalid("answerWith must be retrieval or llm");
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw KefuException.invalid("threshold must be between 0 and 1");
        }
        if (handoffKeywords.size() > 30 || handoffKeywords.stream().anyMatch(k -> k == null || k.isBlank()
                || k.length() > 30)) {
            throw KefuException.invalid("handoffKeywords: at most 30, each 1 to 30 characters");
        }
        if (firstTokenMillis < 100 || firstTokenMillis > 30_000) {
            throw KefuException.invalid("firstTokenMillis must be between 100 and 30000");
        }
        if (totalMillis < firstTokenMillis || totalMillis > 120_000) {
            throw KefuException.invalid("totalMillis must be between firstTokenMillis and 120000");
        }
        if (llmSystemPrompt != null && llmSystemPrompt.length() > 4_000) {
            throw KefuException.invalid("llmSystemPrompt is longer than 4000 characters");
        }
        if ("llm".equals(answerWith)) {
            if (llmModel == null || llmModel.isBlank() || llmModel.length() > 200) {
                throw KefuException.invalid("llmModel is required for answerWith llm");
            }
            try {
                URI u = URI.create(llmBaseUrl == null ? "" : llmBaseUrl);
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw KefuException.invalid("llmBaseUrl must be an http(s) URL such as https://api.openai.com/v1");
            }
        }
        return this;
    }

    /** Whether the visitor's text asks for a human: a keyword as a whole word (or anywhere, for Chinese). */
    public boolean asksForHuman(String text) {
        return dev.kefu.common.Keywords.anyIn(text, handoffKeywords);
    }
}
