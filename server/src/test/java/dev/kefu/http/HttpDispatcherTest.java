package dev.kefu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpDispatcherTest {
    @Test
    void a_handler_that_throws_an_error_still_answers_500() throws Exception {
        Router router = new Router().get("/api/v1/broken", r -> {
            throw new NoClassDefFoundError("dev/kefu/Gone");
        });
        ExecutorService handlers = Executors.newSingleThreadExecutor();
        EmbeddedChannel channel = new EmbeddedChannel(new HttpDispatcher(router, new StaticFiles("static"),
                (ctx, req, ip) -> ReferenceCountUtil.release(req), handlers, false, w -> java.util.List.of()));
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/v1/broken"));
        handlers.shutdown();
        assertThat(handlers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        channel.runPendingTasks();

        FullHttpResponse response = channel.readOutbound();
        assertThat(response).as("a response").isNotNull();
        assertThat(response.status().code()).isEqualTo(500);
        assertThat(response.content().toString(StandardCharsets.UTF_8)).contains("\"internal\"");
        response.release();
        channel.finishAndReleaseAll();
    }
}
