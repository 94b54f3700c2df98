package dev.kefu.retrieval;

import java.lang.management.ManagementFactory;

/**
 * Keeps a background thread to a small share of one core while the rest of the machine is busy, so that work
 * which can wait (indexing for search) never takes CPU the chat needs; when the machine has room, it never
 * waits. The thread calls {@link #pace} between small units of work. Every {@link #WINDOW_NANOS} it looks at
 * how busy the machine was without this thread; while that is at least {@code busyAbove}, each call sleeps
 * until the thread's CPU time is back within {@code share} of the time that has passed. One thread only.
 */
final class CpuShare {
    static final long WINDOW_NANOS = 500_000_000L;
    /** A sleep is cut short after this long, so that a closing thread is never kept waiting. */
    static final long MAX_SLEEP_NANOS = 250_000_000L;

    /** What the share is measured with; {@link #system()} is the real machine. */
    interface Probe {
        /** The whole machine's CPU use since the previous call, 0 to 1 (1: every core busy); negative if unknown. */
        double machineLoad();

        /** CPU time of the calling thread so far. */
        long threadCpuNanos();

        long nanoTime();

        int cores();

        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final Probe probe;
    private final double busyAbove;
    private final double share;
    private long windowStart;
    private long cpuAtWindowStart;
    private boolean busy;

    /**
     * @param busyAbove the rest of the machine counts as busy from this load on (0 to 1 of all cores)
     * @param share     of one core, what the thread may use while the machine is busy
     */
    CpuShare(Probe probe, double busyAbove, double share) {
        this.probe = probe;
        this.busyAbove = busyAbove;
        this.share = share;
        this.windowStart = probe.nanoTime();
        this.cpuAtWindowStart = probe.threadCpuNanos();
        probe.machineLoad();
    }

    /** Whether the last window found the machine busy. */
    boolean busy() {
        return busy;
    }

    /** Returns at once while the machine has room; otherwise sleeps off what this thread used beyond its share. */
    void pace() throws InterruptedException {
        long now = probe.nanoTime();
        long used = probe.threadCpuNanos() - cpuAtWindowStart;
        long elapsed = now - windowStart;
        if (elapsed >= WINDOW_NANOS) {
            double load = probe.machineLoad();
            double mine = (double) used / elapsed / probe.cores();
            busy = load >= 0 && load - mine >= busyAbove;
            windowStart = now;
            cpuAtWindowStart += used;
            return;
        }
        if (busy) {
            long owed = (long) (used / share) - elapsed;
            if (owed > 0) {
                probe.sleepNanos(Math.min(owed, MAX_SLEEP_NANOS));
            }
        }
    }

    /** This JVM's view of the machine (Linux reads {@code /proc/stat}). */
    static Probe system() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = ManagementFactory.getThreadMXBean();
        return new Probe() {
            @Override
            public double machineLoad() {
                return os.getCpuLoad();
            }

            @Override
            public long threadCpuNanos() {
                return threads.getCurrentThreadCpuTime();
            }

            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public int cores() {
                return Runtime.getRuntime().availableProcessors();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };
    }
}
