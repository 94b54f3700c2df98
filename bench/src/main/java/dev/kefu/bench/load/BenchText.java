package dev.kefu.bench.load;

/**
 * The text of a bench message: {@code b:<process>:<visitor>:<k>:<dueNanos>:} padded with {@code x} to the payload
 * size. The receiver reads who sent which message and when it was <em>due</em>, so latency is measured from the
 * intended send time without any lookup. {@code dueNanos} is {@link System#nanoTime()} of the sending process;
 * only that process compares it with its own clock. Stateless.
 */
public final class BenchText {

    /** Which message: the process, the global visitor index, the visitor's message number, and when it was due. */
    public record Id(int process, int visitor, int k, long dueNanos) {}

    private BenchText() {}

    public static String encode(Id id, int payloadBytes) {
        StringBuilder text = new StringBuilder(Math.max(48, payloadBytes))
                .append("b:").append(id.process()).append(':').append(id.visitor()).append(':').append(id.k())
                .append(':').append(id.dueNanos()).append(':');
        while (text.length() < payloadBytes) {
            text.append('x');
        }
        return text.toString();
    }

    /** The id in {@code text}, or null when it is not a bench message (a system message, say). */
    public static Id parse(String text) {
        if (text == null || !text.startsWith("b:")) {
            return null;
        }
        long[] fields = new long[4];
        int pos = 2;
        for (int i = 0; i < fields.length; i++) {
            int end = text.indexOf(':', pos);
            if (end < 0) {
                return null;
            }
            try {
                fields[i] = Long.parseLong(text, pos, end, 10);
            } catch (NumberFormatException e) {
                return null;
            }
            pos = end + 1;
        }
        return new Id((int) fields[0], (int) fields[1], (int) fields[2], fields[3]);
    }
}
