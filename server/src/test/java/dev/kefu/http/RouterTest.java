package dev.kefu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

class RouterTest {
    private final HttpHandler a = r -> null;
    private final HttpHandler b = r -> null;
    private final Router router = new Router()
            .get("/api/v1/conversations", a)
            .post("/api/v1/conversations/{id}/messages", b);

    @Test
    void binds_path_parameters() {
        Router.Match m = router.match(HttpMethod.POST, "/api/v1/conversations/C1/messages");
        assertThat(m).isInstanceOfSatisfying(Router.Match.Found.class, f -> {
            assertThat(f.handler()).isSameAs(b);
            assertThat(f.params()).containsEntry("id", "C1");
        });
    }

    @Test
    void tells_a_wrong_method_from_a_missing_route() {
        assertThat(router.match(HttpMethod.GET, "/api/v1/conversations/C1/messages"))
                .isInstanceOf(Router.Match.MethodNotAllowed.class);
        assertThat(router.match(HttpMethod.GET, "/api/v1/nothing")).isInstanceOf(Router.Match.NotFound.class);
        assertThat(router.match(HttpMethod.POST, "/api/v1/conversations//messages")).isInstanceOf(Router.Match.NotFound.class);
    }

    @Test
    void head_is_served_by_get_and_a_trailing_slash_is_ignored() {
        assertThat(router.match(HttpMethod.HEAD, "/api/v1/conversations")).isInstanceOf(Router.Match.Found.class);
        assertThat(router.match(HttpMethod.GET, "/api/v1/conversations/")).isInstanceOf(Router.Match.Found.class);
    }
}
