package dev.kefu.bench.load;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything one load-tool process needs to know, as parsed from the command line. Immutable.
 *
 * @param mode               {@code run} (messages) or {@code idle} (connections only)
 * @param warmupSeconds      the first seconds of the message phase, left out of the latency totals
 * @param rate               messages per second over all visitors of all processes; 0 sends nothing
 * @param conversationLength messages per conversation, after which it is resolved and a new one opened; 0 = one
 * @param thinkMs            pause after each conversation before the next one's first message
 * @param withConversation   idle mode: whether each visitor also opens a conversation
 * @param forwardedFor       send a distinct synthetic {@code X-Forwarded-For} per client (for {@code --trust-proxy})
 * @param url                the server base URL, or several separated by commas (see {@link ServerUrls})
 * @param serverPids         the server processes to sample from /proc and add up; empty for none
 * @param processIndex       this process's share of a split run (0-based)
 * @param processCount       how many processes share the run
 * @param startAtMillis      the agreed wall-clock start of a split run, or 0 to start as soon as agents are ready
 */
public record RunConfig(
        String mode,
        String url,
        String workspace,
        String agentEmail,
        String agentPassword,
        int visitors,
        int agents,
        double rampSeconds,
        double rate,
        double durationSeconds,
        double warmupSeconds,
        int payloadBytes,
        long thinkMs,
        int conversationLength,
        boolean reconnectStorm,
        boolean withConversation,
        List<String> sourceAddresses,
        boolean forwardedFor,
        List<Long> serverPids,
        Path out,
        int eventLoops,
        double drainSeconds,
        int processIndex,
        int processCount,
        long startAtMillis) {

    /** The nodes of {@link #url}, in order. */
    public List<URI> urls() {
        return ServerUrls.parse(url);
    }

    public boolean idle() {
        return "idle".equals(mode);
    }

    /** The first global visitor index this process simulates. */
    public int visitorsFrom() {
        return (int) ((long) visitors * processIndex / processCount);
    }

    /** One past the last global visitor index this process simulates. */
    public int visitorsTo() {
        return (int) ((long) visitors * (processIndex + 1) / processCount);
    }

    /** The agents of this process: agent {@code j} belongs to process {@code j mod processCount}. */
    public int localAgents() {
        int count = 0;
        for (int j = 0; j < agents; j++) {
            if (j % processCount == processIndex) {
                count++;
            }
        }
        return count;
    }

    /** Whether this process logs in as an agent: to connect agents, or to resolve conversations. */
    public boolean needsLogin() {
        return localAgents() > 0 || (conversationLength > 0 && rate > 0);
    }

    /** A copy for process {@code index} of {@code count}, starting at {@code startAt}, writing to {@code dir}. */
    public RunConfig forProcess(int index, int count, long startAt, Path dir, List<Long> pids) {
        return new RunConfig(mode, url, workspace, agentEmail, agentPassword, visitors, agents, rampSeconds, rate,
                durationSeconds, warmupSeconds, payloadBytes, thinkMs, conversationLength, reconnectStorm,
                withConversation,
                sourceAddresses, forwardedFor, pids, dir, eventLoops, drainSeconds, index, count, startAt);
    }
}
