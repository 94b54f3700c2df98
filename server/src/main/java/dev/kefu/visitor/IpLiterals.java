package dev.kefu.visitor;

import inet.ipaddr.AddressStringParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv6.IPv6Address;

/**
 * IP addresses and CIDR networks, IPv4 and IPv6, parsed strictly by the IPAddress library: the usual text forms
 * only (no ranges, wildcards or inet_aton shorthands), and never a DNS lookup, unlike {@code InetAddress.getByName}.
 * An IPv4-mapped IPv6 address counts as the IPv4 address it carries. Thread-safe.
 */
public final class IpLiterals {
    private static final int MAX_LENGTH = 64;
    private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowWildcardedSeparator(false)
            .allowMask(false).allowPrefixOnly(false).allow_inet_aton(false)
            .setRangeOptions(AddressStringParameters.RangeParameters.NO_RANGE).toParams();

    private IpLiterals() {
    }

    /** One address, or null when {@code s} is not exactly one IP address. */
    public static IPAddress address(String s) {
        if (s == null || s.isBlank() || s.length() > MAX_LENGTH) {
            return null;
        }
        IPAddressString text = new IPAddressString(s.strip(), STRICT);
        if (text.isPrefixed()) {
            return null;
        }
        IPAddress a = text.getAddress();
        if (a == null || a.isMultiple()) {
            return null;
        }
        if (a instanceof IPv6Address v6 && v6.isIPv4Mapped()) {
            return v6.getEmbeddedIPv4Address();
        }
        return a.withoutPrefixLength();
    }

    /** A network in CIDR notation ("203.0.113.0/24", "2001:db8::/32") with its host bits cleared, or null. */
    public static IPAddress network(String s) {
        if (s == null || s.isBlank() || s.length() > MAX_LENGTH) {
            return null;
        }
        IPAddressString text = new IPAddressString(s.strip(), STRICT);
        if (!text.isPrefixed()) {
            return null;
        }
        IPAddress a = text.getAddress();
        return a == null ? null : a.toPrefixBlock();
    }
}
