package dev.kefu.geoip;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import dev.kefu.visitor.GeoIp;
import dev.kefu.visitor.IpLiterals;
import dev.kefu.visitor.Location;
import inet.ipaddr.IPAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link GeoIp} on MaxMind-format {@code .mmdb} files, read with MaxMind's own reader, memory-mapped (the operating
 * system pages in what lookups touch; nothing is copied to the heap). Understands the ip-location-db layout
 * ({@code country_code, state1, city}, e.g. DB-IP Lite) and MaxMind's GeoLite2/GeoIP2 layout. Several files may be
 * given (an IPv4 and an IPv6 one): IPv4 addresses are looked up in IPv4 files first, IPv6 addresses only in IPv6
 * files. Private, loopback and link-local addresses are never looked up. Thread-safe.
 */
public final class MaxMindGeoIp implements GeoIp, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MaxMindGeoIp.class);

    private final List<Reader> forIpv4;
    private final List<Reader> forIpv6;
    private final List<Reader> all;

    private MaxMindGeoIp(List<Reader> readers) {
        this.all = List.copyOf(readers);
        List<Reader> v4 = new ArrayList<>();
        readers.stream().filter(r -> r.getMetadata().ipVersion() == 4).forEach(v4::add);
        readers.stream().filter(r -> r.getMetadata().ipVersion() == 6).forEach(v4::add);
        this.forIpv4 = List.copyOf(v4);
        this.forIpv6 = readers.stream().filter(r -> r.getMetadata().ipVersion() == 6).toList();
    }

    /** Opens the given files (memory-mapped). IOException when one is not a readable MaxMind DB. */
    public static MaxMindGeoIp open(List<Path> files) throws IOException {
        List<Reader> readers = new ArrayList<>();
        try {
            for (Path f : files) {
                readers.add(new Reader(f.toFile(), Reader.FileMode.MEMORY_MAPPED, new CHMCache()));
            }
        } catch (IOException | RuntimeException e) {
            for (Reader r : readers) {
                r.close();
            }
            throw e;
        }
        return new MaxMindGeoIp(readers);
    }

    /**
     * Finds the data and opens it, or {@link GeoIp#NONE} when there is none; says which in one log line. Looks at
     * {@code explicit} (a file or a folder; --geoip-db), else {@code geoip/*.mmdb} beside the jar, else
     * {@code <data>/geoip/*.mmdb}.
     */
    public static GeoIp discover(Path explicit, Path besideJar, Path dataDir) {
        List<Path> files;
        if (explicit != null) {
            files = mmdbFiles(explicit);
            if (files.isEmpty()) {
                LOG.warn("No geo-IP database at {} (--geoip-db): visitor locations are off", explicit.toAbsolutePath());
                return NONE;
            }
        } else {
            files = besideJar == null ? List.of() : mmdbFiles(besideJar.resolve("geoip"));
            if (files.isEmpty() && dataDir != null) {
                files = mmdbFiles(dataDir.resolve("geoip"));
            }
            if (files.isEmpty()) {
                LOG.info("No geo-IP database (geoip/*.mmdb beside the jar or in the data folder, or --geoip-db): "
                        + "visitor locations are off");
                return NONE;
            }
        }
        try {
            MaxMindGeoIp geo = open(files);
            LOG.info("Geo-IP: {} ({})", files.stream().map(p -> p.toAbsolutePath().toString()).toList(),
                    geo.all.stream().map(r -> r.getMetadata().databaseType()).distinct().toList());
            return geo;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot read the geo-IP database {}: {}; visitor locations are off", files, e.getMessage());
            return NONE;
        }
    }

    /** The folder the running jar (or, in development, the classes folder) is in. */
    public static Path codeFolder(Class<?> anchor) {
        try {
            Path p = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.getParent();
        } catch (Exception e) {
            return null;
        }
    }

    private static List<Path> mmdbFiles(Path fileOrFolder) {
        if (Files.isRegularFile(fileOrFolder)) {
            return List.of(fileOrFolder);
        }
        if (!Files.isDirectory(fileOrFolder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(fileOrFolder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".mmdb") && Files.isRegularFile(p)).sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public Optional<Location> locate(String ip) {
        IPAddress a = IpLiterals.address(ip);
        if (a == null || a.isLoopback() || a.isLocal() || a.isAnyLocal() || a.isMulticast() || a.isLinkLocal()) {
            return Optional.empty();
        }
        InetAddress inet = a.toInetAddress();
        for (Reader r : a.isIPv4() ? forIpv4 : forIpv6) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> record = r.get(inet, Map.class);
                Location l = record == null ? null : location(record);
                if (l != null) {
                    return Optional.of(l);
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("geo-IP lookup of {} failed", ip, e);
            }
        }
        return Optional.empty();
    }

    /** ip-location-db ({@code country_code, state1, city}) or MaxMind ({@code country.iso_code, ...}) records. */
    private static Location location(Map<String, Object> r) {
        if (r.get("country_code") instanceof String code) {
            return Location.of(code, text(r.get("state1")), text(r.get("city")));
        }
        if (r.get("country") instanceof Map<?, ?> country && country.get("iso_code") instanceof String code) {
            String region = r.get("subdivisions") instanceof List<?> subs && !subs.isEmpty()
                    && subs.getFirst() instanceof Map<?, ?> first ? english(first) : null;
            String city = r.get("city") instanceof Map<?, ?> c ? english(c) : null;
            return Location.of(code, region, city);
        }
        return null;
    }

    private static String english(Map<?, ?> named) {
        return named.get("names") instanceof Map<?, ?> names ? text(names.get("en")) : null;
    }

    private static String text(Object o) {
        return o instanceof String s && !s.isBlank() ? s : null;
    }

    @Override
    public void close() {
        for (Reader r : all) {
            try {
                r.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
