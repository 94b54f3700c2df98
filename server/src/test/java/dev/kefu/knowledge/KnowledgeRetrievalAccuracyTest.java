package dev.kefu.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.support.Http;
import dev.kefu.support.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How well the built-in bot answers: the bilingual sample knowledge base goes in through the real import, and
 * every question of the test set (paraphrases in Chinese and English, and questions the shop cannot answer)
 * goes through {@code POST /api/v1/bot/ask}.
 */
class KnowledgeRetrievalAccuracyTest {
    static TestServer server;
    static TestServer.Agent owner;
    /** English title (the part before " / ") → article id. */
    static final Map<String, String> IDS = new HashMap<>();

    record Case(String expected, String question) {
        boolean outOfScope() {
            return expected.equals("-");
        }
    }

    @BeforeAll
    static void loadSample() throws Exception {
        server = TestServer.sqlite();
        owner = server.owner();
        byte[] sample = resource("/samples/knowledge-sample.json");
        Http.Reply imported = server.http.send(server.http.builder("/api/v1/knowledge/import?format=json", owner.token())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(sample)));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("errors")).isEmpty();
        for (JsonNode a : server.http.get("/api/v1/knowledge/articles", owner.token()).json().get("items")) {
            IDS.put(a.get("title").asText().split(" / ")[0], a.get("id").asText());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static byte[] resource(String path) throws IOException {
        try (InputStream in = KnowledgeRetrievalAccuracyTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (String line : new String(resource("/knowledge/questions.tsv"), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            out.add(new Case(cols[0].strip(), cols[1].strip()));
        }
        return out;
    }

    static JsonNode ask(String question, Double threshold) {
        Map<String, Object> body = new HashMap<>();
        body.put("question", question);
        if (threshold != null) {
            body.put("threshold", threshold);
        }
        Http.Reply r = server.http.post("/api/v1/bot/ask", owner.token(), body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void the_bot_finds_the_right_article_for_most_paraphrased_questions_and_hands_off_the_rest() throws IOException {
        List<Case> cases = cases();
        int inScope = 0;
        int top1 = 0;
        int answeredRight = 0;
        int answeredWrong = 0;
        List<String> failures = new ArrayList<>();
        List<String> wrongAnswers = new ArrayList<>();
        List<String> notHandedOff = new ArrayList<>();
        for (Case c : cases) {
            JsonNode best = ask(c.question(), 0.0);
            JsonNode real = ask(c.question(), null);
            String line = String.format(Locale.ROOT, "%-45s conf %.3f default-handoff %-5s top %s",
                    c.question(), real.get("confidence").asDouble(), real.get("handoff").asBoolean(), title(best));
            System.out.println((c.outOfScope() ? "OOS " : "    ") + line);
            if (c.outOfScope()) {
                if (!real.get("handoff").asBoolean()) {
                    notHandedOff.add(line);
                }
                continue;
            }
            inScope++;
            String expected = IDS.get(c.expected());
            assertThat(expected).as("article " + c.expected()).isNotNull();
            if (expected.equals(best.path("articleId").asText(null))) {
                top1++;
            } else {
                failures.add(c.expected() + " <- " + line);
            }
            if (!real.get("handoff").asBoolean()) {
                if (expected.equals(real.get("articleId").asText())) {
                    answeredRight++;
                } else {
                    answeredWrong++;
                    wrongAnswers.add(c.expected() + " <- " + line);
                }
            }
        }
        double accuracy = (double) top1 / inScope;
        System.out.printf(Locale.ROOT, "Knowledge retrieval: top-1 accuracy %.1f%% (%d/%d); at the default threshold "
                        + "%d answered right, %d wrong, %d handed off; out of scope handed off: %d/%d%n",
                100 * accuracy, top1, inScope, answeredRight, answeredWrong, inScope - answeredRight - answeredWrong,
                cases.size() - inScope - notHandedOff.size(), cases.size() - inScope);
        failures.forEach(f -> System.out.println("MISS " + f));
        wrongAnswers.forEach(f -> System.out.println("WRONG " + f));
        assertThat(accuracy).as("top-1 accuracy; misses:\n" + String.join("\n", failures)).isGreaterThanOrEqualTo(0.85);
        assertThat(notHandedOff).as("out-of-scope questions answered").isEmpty();
        // At the default threshold the bot should answer most questions itself and rarely answer wrongly.
        assertThat((double) answeredRight / inScope).as("answered right at the default threshold").isGreaterThanOrEqualTo(0.6);
        assertThat((double) answeredWrong / inScope).as("answered wrongly at the default threshold:\n"
                + String.join("\n", wrongAnswers)).isLessThanOrEqualTo(0.1);
    }

    private static String title(JsonNode answer) {
        String id = answer.path("articleId").asText(null);
        return IDS.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).findFirst()
                .orElse("(none)");
    }
}
