package dev.kefu.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.event.EventBus;
import dev.kefu.event.InProcessEventBus;
import dev.kefu.json.Json;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventBus} across nodes: events go to this node's subscribers at once (on the publishing thread, as on
 * a single node) and, as JSON, over a Redis channel to the other nodes, whose subscribers get them on the link's
 * listener thread. Events from one node arrive everywhere in the order that node published them.
 *
 * @param <E> a sealed interface of records, or a record
 */
public final class RedisEventBus<E> implements EventBus<E> {
    private static final Logger LOG = LoggerFactory.getLogger(RedisEventBus.class);

    private final RedisLink link;
    private final String channel;
    private final InProcessEventBus<E> everyone = new InProcessEventBus<>();
    private final InProcessEventBus<E> localOnly = new InProcessEventBus<>();
    private final Map<String, Class<? extends E>> types = new HashMap<>();
    private final String prefix;

    @SuppressWarnings("unchecked")
    public RedisEventBus(RedisLink link, String channel, Class<E> type) {
        this.link = link;
        this.channel = channel;
        this.prefix = link.nodeId() + "|";
        if (type.isSealed()) {
            for (Class<?> c : type.getPermittedSubclasses()) {
                types.put(c.getSimpleName(), (Class<? extends E>) c);
            }
        } else {
            types.put(type.getSimpleName(), type);
        }
        link.listen(channel, this::received);
    }

    @Override
    public void publish(E event) {
        everyone.publish(event);
        localOnly.publish(event);
        ObjectNode n = Json.MAPPER.createObjectNode().put("t", event.getClass().getSimpleName());
        n.set("e", Json.MAPPER.valueToTree(event));
        link.publish(channel, prefix + n);
    }

    private void received(String message) {
        if (message.startsWith(prefix)) {
            return; // our own, already delivered here
        }
        int bar = message.indexOf('|');
        try {
            JsonNode n = Json.MAPPER.readTree(message.substring(bar + 1));
            Class<? extends E> type = types.get(n.path("t").asText());
            if (type == null) {
                LOG.warn("unknown event type on {}: {}", channel, n.path("t").asText());
                return;
            }
            everyone.publish(Json.MAPPER.treeToValue(n.get("e"), type));
        } catch (IOException | RuntimeException e) {
            LOG.warn("unreadable event on {}", channel, e);
        }
    }

    @Override
    public AutoCloseable subscribe(Consumer<? super E> listener) {
        return everyone.subscribe(listener);
    }

    @Override
    public AutoCloseable subscribeLocal(Consumer<? super E> listener) {
        return localOnly.subscribe(listener);
    }
}
