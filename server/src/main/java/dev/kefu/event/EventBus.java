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
}
