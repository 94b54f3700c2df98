package dev.kefu.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ServerUrlsTest {

    @Test
    void one_url_is_one_node() {
        assertThat(ServerUrls.parse("http://127.0.0.1:8080")).containsExactly(URI.create("http://127.0.0.1:8080"));
        assertThat(ServerUrls.parse("https://chat.example.com/"))
                .containsExactly(URI.create("https://chat.example.com"));
    }

    @Test
    void a_comma_separated_list_is_the_nodes_in_order() {
        assertThat(ServerUrls.parse("http://127.0.0.1:18484, http://127.0.0.1:18485/,http://10.0.0.3:8080"))
                .containsExactly(URI.create("http://127.0.0.1:18484"), URI.create("http://127.0.0.1:18485"),
                        URI.create("http://10.0.0.3:8080"));
    }

    @Test
    void rejects_empty_entries_other_schemes_and_repeats() {
        assertThatThrownBy(() -> ServerUrls.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerUrls.parse("http://a:1,,http://b:1")).hasMessageContaining("empty entry");
        assertThatThrownBy(() -> ServerUrls.parse("http://a:1,")).hasMessageContaining("empty entry");
        assertThatThrownBy(() -> ServerUrls.parse("ws://a:1")).hasMessageContaining("http://");
        assertThatThrownBy(() -> ServerUrls.parse("127.0.0.1:8080")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerUrls.parse("http://a:1,http://a:1/")).hasMessageContaining("twice");
    }

    @Test
    void clients_start_round_robin_and_move_on_to_the_next_node_wrapping_round() {
        assertThat(ServerUrls.firstNode(0, 3)).isZero();
        assertThat(ServerUrls.firstNode(4, 3)).isEqualTo(1);
        assertThat(ServerUrls.firstNode(7, 1)).isZero();
        assertThat(ServerUrls.nextNode(0, 3)).isEqualTo(1);
        assertThat(ServerUrls.nextNode(2, 3)).isZero();
        assertThat(ServerUrls.nextNode(0, 1)).isZero();
    }
}
