package dev.kefu.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.KefuException;
import dev.kefu.json.Json;
import dev.kefu.json.Views;
import dev.kefu.knowledge.Article;
import dev.kefu.knowledge.ArticleDraft;
import dev.kefu.knowledge.ImportRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Articles as JSON: the body of a create or change, and the import/export file (docs/api.md). */
final class ArticleJson {
    /** Per field; the domain applies the real limits with clearer messages. */
    private static final int MAX_TEXT = 100_000;
    private static final int MAX_ITEMS = 1_000;

    private ArticleJson() {
    }

    /** A draft from a JSON object; absent fields are null. INVALID when a field has the wrong type. */
    static ArticleDraft draft(JsonNode b) {
        JsonNode enabled = b.get("enabled");
        if (enabled != null && !enabled.isNull() && !enabled.isBoolean()) {
            throw KefuException.invalid("enabled must be true or false");
        }
        return new ArticleDraft(Json.string(b, "title", MAX_TEXT), strings(b, "questions"),
                Json.string(b, "answer", MAX_TEXT), strings(b, "tags"),
                enabled == null || enabled.isNull() ? null : enabled.asBoolean());
    }

    private static List<String> strings(JsonNode b, String field) {
        JsonNode n = b.get(field);
        return n == null || n.isNull() ? null : Json.strings(b, field, MAX_ITEMS);
    }

    /** The rows of an import file: {@code {"articles":[…]}} (an export) or a bare array of articles. */
    static List<ImportRow> rows(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new KefuException(ErrorCode.BAD_JSON, "expected a JSON array of articles or {\"articles\":[…]}");
        }
        JsonNode list = root != null && root.isObject() ? root.get("articles") : root;
        if (list == null || !list.isArray()) {
            throw new KefuException(ErrorCode.BAD_JSON, "expected a JSON array of articles or {\"articles\":[…]}");
        }
        List<ImportRow> rows = new ArrayList<>(list.size());
        int n = 0;
        for (JsonNode item : list) {
            n++;
            if (!item.isObject()) {
                rows.add(ImportRow.failed(n, "expected an object"));
                continue;
            }
            try {
                rows.add(new ImportRow(n, Json.string(item, "id", 100), draft(item), null));
            } catch (KefuException e) {
                rows.add(ImportRow.failed(n, e.getMessage()));
            }
        }
        return rows;
    }

    static ObjectNode export(List<Article> articles, long exportedAt) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("version", 1);
        out.put("exportedAt", exportedAt);
        ArrayNode items = out.putArray("articles");
        articles.forEach(a -> items.add(Views.article(a)));
        return out;
    }
}
