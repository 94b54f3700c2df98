package dev.kefu.visitor;

import java.util.Optional;

/** Port: where an IP address is, from offline data. Never blocks on the network; thread-safe. */
public interface GeoIp {
    /** Empty for private, loopback and unknown addresses, for anything that is not an IP literal, and without data. */
    Optional<Location> locate(String ip);

    /** No data: every lookup is empty. */
    GeoIp NONE = ip -> Optional.empty();
}
