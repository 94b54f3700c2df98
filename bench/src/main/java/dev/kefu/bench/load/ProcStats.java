package dev.kefu.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a process's resident memory and CPU time from Linux's /proc. CPU time is in clock ticks of
 * {@code USER_HZ}, which the kernel fixes at 100 per second for /proc on every common architecture. Stateless.
 */
public final class ProcStats {

    private static final double TICKS_PER_SECOND = 100.0;

    /** One reading: resident set size and user+system CPU ticks, taken at {@code nanos}. */
    public record Sample(long rssKb, long cpuTicks, long nanos) {

        /** CPU use between {@code earlier} and this sample, in percent of one core. */
        public double cpuPercentSince(Sample earlier) {
            double seconds = (nanos - earlier.nanos) / 1e9;
            return seconds <= 0 ? 0 : (cpuTicks - earlier.cpuTicks) / TICKS_PER_SECOND / seconds * 100.0;
        }
    }

    private ProcStats() {}

    /** The current sample of {@code pid} ("self" for this JVM), or empty if it cannot be read. */
    public static Optional<Sample> read(String pid) {
        try {
            long rssKb = 0;
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rssKb = Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            // The command name may contain spaces and parentheses; the fields after the last ')' are fixed.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return Optional.of(new Sample(rssKb, utime + stime, System.nanoTime()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
