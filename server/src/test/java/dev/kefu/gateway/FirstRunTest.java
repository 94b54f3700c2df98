package dev.kefu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.Kefu;
import dev.kefu.config.Settings;
import dev.kefu.support.Http;
import dev.kefu.support.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** First run: a workspace and a one-time owner link; no default password anywhere. */
class FirstRunTest {
    @Test
    void the_setup_link_works_once_and_then_login_needs_the_chosen_password(@TempDir Path data) throws Exception {
        String oldToken;
        try (Kefu kefu = Kefu.start(Settings.forData(data))) {
            oldToken = token(kefu.setupLink());
        }
        // Restarted with no owner yet: a fresh link, and the old one no longer works.
        try (Kefu kefu = Kefu.start(Settings.forData(data))) {
            Http http = new Http("http://127.0.0.1:" + kefu.port());
            String token = token(kefu.setupLink());
            assertThat(token).isNotEqualTo(oldToken);
            assertThat(http.get("/api/v1/setup?token=" + oldToken, null).json().get("valid").asBoolean()).isFalse();
            assertThat(http.get("/api/v1/setup?token=" + token, null).json().get("valid").asBoolean()).isTrue();

            Map<String, String> weak = Map.of("token", token, "name", "Ada", "email", "ada@example.com", "password", "short");
            assertThat(http.post("/api/v1/setup", null, weak).errorCode()).isEqualTo("invalid");
            Map<String, String> body = Map.of("token", token, "workspaceName", "Acme", "name", "Ada",
                    "email", "Ada@Example.com", "password", TestServer.PASSWORD);
            Http.Reply created = http.post("/api/v1/setup", null, body);
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().get("agent").get("role").asText()).isEqualTo("owner");
            assertThat(created.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly", "SameSite=Strict");
            assertThat(http.post("/api/v1/setup", null, body).errorCode()).isEqualTo("conflict");

            assertThat(http.post("/api/v1/auth/login", null, Map.of("email", "ada@example.com", "password", "wrong password"))
                    .status()).isEqualTo(401);
            Http.Reply login = http.post("/api/v1/auth/login", null,
                    Map.of("email", "ADA@example.com", "password", TestServer.PASSWORD));
            assertThat(login.status()).isEqualTo(200);
            assertThat(http.get("/api/v1/me", login.json().get("token").asText()).json().get("email").asText())
                    .isEqualTo("ada@example.com");
        }
        try (Kefu kefu = Kefu.start(Settings.forData(data))) {
            assertThat(kefu.setupLink()).isNull();
        }
    }

    private static String token(String link) {
        assertThat(link).contains("/setup#token=");
        return link.substring(link.indexOf("token=") + 6);
    }
}
