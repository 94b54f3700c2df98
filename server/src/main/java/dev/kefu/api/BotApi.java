package dev.kefu.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.audit.Audit;
import dev.kefu.bot.AgentAssist;
import dev.kefu.bot.BotSettings;
import dev.kefu.bot.BotSettingsCache;
import dev.kefu.bot.LatencyHistogram;
import dev.kefu.bot.LlmMetrics;
import dev.kefu.common.Caller;
import dev.kefu.common.KefuException;
import dev.kefu.conversation.ChatService;
import dev.kefu.http.Request;
import dev.kefu.http.Response;
import dev.kefu.http.Router;
import dev.kefu.json.Json;
import dev.kefu.json.Views;

/** The bot's settings (the API key write-only), the visitor's "talk to a human", agent assist and metrics. */
public final class BotApi {
    private final BotSettingsCache settings;
    private final ChatService chat;
    private final AgentAssist assist;
    private final LlmMetrics metrics;
    private final Audit audit;
    private final Callers callers;

    public BotApi(BotSettingsCache settings, ChatService chat, AgentAssist assist, LlmMetrics metrics, Audit audit,
                  Callers callers) {
        this.settings = settings;
        this.chat = chat;
        this.assist = assist;
        this.metrics = metrics;
        this.audit = audit;
        this.callers = callers;
    }

    public void routes(Router router) {
        router.get("/api/v1/bot/settings", r -> {
            Caller.Agent a = callers.requireAgent(r).requireAdmin();
            return Response.ok(view(settings.of(a.workspaceId()), settings.hasApiKey(a.workspaceId())));
        });
        router.put("/api/v1/bot/settings", this::save);
        router.post("/api/v1/conversations/{id}/handoff", r -> Response.ok(Views.conversation(
                chat.handoff(callers.requireVisitor(r), r.param("id")))));
        router.get("/api/v1/conversations/{id}/suggestions", r -> {
            AgentAssist.Suggestions s = assist.suggest(callers.requireAgent(r), r.param("id"));
            ObjectNode out = Json.MAPPER.createObjectNode().put("question", s.question());
            ArrayNode items = out.putArray("items");
            s.items().forEach(i -> items.add(Json.MAPPER.valueToTree(i)));
            return Response.ok(out);
        });
        router.get("/api/v1/bot/metrics", r -> {
            callers.requireAgent(r).requireAdmin();
            ObjectNode out = Json.MAPPER.createObjectNode().put("answered", metrics.answered());
            ObjectNode failures = out.putObject("failures");
            metrics.failures().forEach((reason, n) -> failures.put(reason.name().toLowerCase(), n));
            LatencyHistogram h = metrics.firstTokenLatency();
            ArrayNode buckets = out.putArray("firstTokenLatency");
            var bounds = h.upperBoundsMillis();
            long[] counts = h.counts();
            for (int i = 0; i < counts.length; i++) {
                ObjectNode bucket = buckets.addObject();
                if (i < bounds.size()) {
                    bucket.put("upToMillis", bounds.get(i));
                } else {
                    bucket.putNull("upToMillis");
                }
                bucket.put("count", counts[i]);
            }
            return Response.ok(out);
        });
    }

    private Response save(Request r) {
        Caller.Agent a = callers.requireAgent(r).requireAdmin();
        ObjectNode b = r.json();
        BotSettings old = settings.of(a.workspaceId());
        JsonNode keywords = b.get("handoffKeywords");
        JsonNode threshold = b.get("threshold");
        if (threshold != null && !threshold.isNumber()) {
            throw KefuException.invalid("threshold must be a number between 0 and 1");
        }
        BotSettings changed = new BotSettings(
                b.has("mode") ? Json.requiredString(b, "mode", 20) : old.mode(),
                b.has("answerWith") ? Json.requiredString(b, "answerWith", 20) : old.answerWith(),
                threshold != null ? threshold.asDouble() : old.threshold(),
                keywords != null ? Json.strings(b, "handoffKeywords", 30) : old.handoffKeywords(),
                b.has("llmBaseUrl") ? Json.string(b, "llmBaseUrl", 500) : old.llmBaseUrl(),
                b.has("llmModel") ? Json.string(b, "llmModel", 200) : old.llmModel(),
                b.has("llmSystemPrompt") ? Json.string(b, "llmSystemPrompt", 10_000) : old.llmSystemPrompt(),
                intField(b, "firstTokenMillis", old.firstTokenMillis()),
                intField(b, "totalMillis", old.totalMillis()));
        String apiKey = b.has("apiKey") ? (b.get("apiKey").isNull() ? "" : Json.string(b, "apiKey", 1000)) : null;
        BotSettings saved = settings.save(a, changed, apiKey);
        ObjectNode out = view(saved, settings.hasApiKey(a.workspaceId()));
        audit.agent(a, "bot.settings", "workspace", a.workspaceId(), out.toString());
        return Response.ok(out);
    }

    private static int intField(JsonNode b, String field, int fallback) {
        JsonNode n = b.get(field);
        if (n == null) {
            return fallback;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw KefuException.invalid(field + " must be an integer");
        }
        return n.intValue();
    }

    private static ObjectNode view(BotSettings s, boolean apiKeySet) {
        ObjectNode n = Json.MAPPER.valueToTree(s);
        n.put("apiKeySet", apiKeySet);
        return n;
    }

}
