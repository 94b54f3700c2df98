package dev.kefu.event;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The single-node {@link EventBus}: synchronous calls on the publishing thread. Thread-safe. */
public final class InProcessEventBus<E> implements EventBus<E> {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessEventBus.class);
    private final CopyOnWriteArrayList<Consumer<? super E>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(E event) {
        for (Consumer<? super E> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // One broken listener must not stop delivery to the others.
                LOG.error("event listener failed on {}", event.getClass().getSimpleName(), e);
            }
        }
    }

    @Override
    public AutoCloseable subscribe(Consumer<? super E> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
