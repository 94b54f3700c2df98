package dev.kefu.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters by name, e.g. error frames by code or failed handshakes by status. Thread-safe. */
public final class Tally {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void add(String name) {
        counts.computeIfAbsent(name, n -> new LongAdder()).increment();
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** A sorted copy. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((name, n) -> copy.put(name, n.sum()));
        return copy;
    }
}
