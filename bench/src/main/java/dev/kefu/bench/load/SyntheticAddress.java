package dev.kefu.bench.load;

/**
 * Distinct client addresses for {@code X-Forwarded-For}, from 198.18.0.0/15, the range set aside for benchmarks
 * (RFC 2544). A Kefu started with {@code --trust-proxy} then applies its per-IP limits (visitor sessions per
 * second, WebSockets per IP) per simulated visitor, as it would for real visitors behind a proxy. Only the header
 * carries these addresses; no packet is ever sent to them. Stateless.
 */
public final class SyntheticAddress {

    /** 198.18.0.0/15 holds 131,072 addresses; the last 256 are kept for agents. */
    static final int VISITOR_ADDRESSES = 131_072 - 256;

    private SyntheticAddress() {}

    public static String visitor(int index) {
        return of(Math.floorMod(index, VISITOR_ADDRESSES));
    }

    public static String agent(int index) {
        return of(VISITOR_ADDRESSES + Math.floorMod(index, 256));
    }

    private static String of(int offset) {
        int third = 18 + (offset >> 16);
        return "198." + third + "." + ((offset >> 8) & 0xff) + "." + (offset & 0xff);
    }
}
