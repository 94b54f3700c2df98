package dev.kefu.event;

import java.util.function.Consumer;

/**
 * Port: carries domain events to every subscriber — in this process for a single node, across nodes in a
 * cluster. Nothing may assume that all subscribers live in one JVM.
 *
 * @param <E> the event type
 */
public interface EventBus<E> {
    /**
     * Delivers the event to the subscribers. Events published from one thread reach each local subscriber in
     * publish order; subscribers run on the publishing thread and must not block.
     */
    void publish(E event);

    /** Registers a listener; closing the handle removes it. */
    AutoCloseable subscribe(Consumer<? super E> listener);

    /**
     * Registers a listener for the events published on this node only — for work that must happen once in a
     * cluster, by the node where the event arose (e.g. the bot answering a message). On a single node the same
     * as {@link #subscribe}.
     */
    default AutoCloseable subscribeLocal(Consumer<? super E> listener) {
        return subscribe(listener);
    }
}
