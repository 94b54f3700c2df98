package dev.kefu.geoip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.support.Http;
import dev.kefu.support.TestServer;
import dev.kefu.visitor.GeoIp;
import dev.kefu.visitor.Location;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Visitor locations from the geo-IP data fetched at build time into target/geoip (DB-IP Lite). The lookups of
 * public addresses are skipped only when the data is absent (a build with -Dskip.geoip); everything else runs.
 */
class GeoIpTest {
    /** Where the build puts the data: beside the jar, i.e. in target/. */
    static final Path DATA = Path.of("target", "geoip");

    static boolean haveData() {
        try (var files = Files.list(DATA)) {
            return files.anyMatch(p -> p.toString().endsWith(".mmdb"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void public_addresses_are_located_from_the_data_file() {
        assumeTrue(haveData(), "no geo-IP data in target/geoip (built with -Dskip.geoip?)");
        GeoIp geo = MaxMindGeoIp.discover(DATA, null, null);
        Location google = geo.locate("8.8.8.8").orElseThrow();
        assertThat(google.countryCode()).isEqualTo("US");
        assertThat(google.countryName()).isEqualTo("United States");
        assertThat(geo.locate("114.114.114.114").orElseThrow().countryCode()).isEqualTo("CN");
        assertThat(geo.locate("81.2.69.160").orElseThrow().countryCode()).isEqualTo("GB");
        assertThat(geo.locate("2001:4860:4860::8888")).isPresent();
        assertThat(geo.locate("::ffff:8.8.8.8").orElseThrow().countryCode()).isEqualTo("US");
        ((MaxMindGeoIp) geo).close();
    }

    @Test
    void private_loopback_and_malformed_addresses_have_no_location() {
        GeoIp geo = haveData() ? MaxMindGeoIp.discover(DATA, null, null) : GeoIp.NONE;
        for (String ip : new String[] {"10.1.2.3", "172.16.0.1", "192.168.1.1", "127.0.0.1", "169.254.1.1", "::1",
            "fe80::1", "fc00::1", "0.0.0.0", "localhost", "example.com", "8.8.8", "8.8.8.8/24", "", null}) {
            assertThat(geo.locate(ip)).as(String.valueOf(ip)).isEmpty();
        }
    }

    @Test
    void the_data_is_found_beside_the_jar_then_in_the_data_folder_and_its_absence_is_no_error() throws Exception {
        Path empty = Files.createTempDirectory("kefu-geo");
        assertThat(MaxMindGeoIp.discover(null, empty, empty)).isSameAs(GeoIp.NONE);
        assertThat(MaxMindGeoIp.discover(empty.resolve("missing.mmdb"), null, null)).isSameAs(GeoIp.NONE);
        Path junk = Files.writeString(empty.resolve("junk.mmdb"), "not a database");
        assertThat(MaxMindGeoIp.discover(junk, null, null)).isSameAs(GeoIp.NONE);
        Files.delete(junk);
        if (haveData()) {
            Path target = DATA.getParent();
            assertThat(MaxMindGeoIp.discover(null, target, empty)).isInstanceOf(MaxMindGeoIp.class);
            assertThat(MaxMindGeoIp.discover(null, empty, target)).isInstanceOf(MaxMindGeoIp.class);
        }
    }

    @Test
    void the_profile_shows_the_location_stored_at_session_start() throws Exception {
        assumeTrue(haveData(), "no geo-IP data in target/geoip (built with -Dskip.geoip?)");
        try (TestServer server = TestServer.with(s -> s.withTrustProxy(true).withGeoipDb(DATA))) {
            TestServer.Agent owner = server.owner();
            String id = session(server, owner.workspaceId(), "8.8.8.8");
            JsonNode location = server.http.get("/api/v1/visitors/" + id, owner.token()).json().get("location");
            assertThat(location.get("countryCode").asText()).isEqualTo("US");
            assertThat(location.get("countryName").asText()).isEqualTo("United States");
            assertThat(server.number("SELECT COUNT(*) FROM visitors WHERE id = ? AND country_code = 'US'", id))
                    .isEqualTo(1);
            String local = session(server, owner.workspaceId(), "192.168.1.20");
            assertThat(server.http.get("/api/v1/visitors/" + local, owner.token()).json().get("location").isNull())
                    .isTrue();
        }
    }

    @Test
    void the_server_runs_without_the_data_only_without_locations() throws Exception {
        Path nowhere = Files.createTempDirectory("kefu-geo").resolve("none.mmdb");
        try (TestServer server = TestServer.with(s -> s.withTrustProxy(true).withGeoipDb(nowhere))) {
            TestServer.Agent owner = server.owner();
            String id = session(server, owner.workspaceId(), "8.8.8.8");
            JsonNode p = server.http.get("/api/v1/visitors/" + id, owner.token()).json();
            assertThat(p.get("location").isNull()).isTrue();
            assertThat(p.get("ip").asText()).isEqualTo("8.8.8.8");
        }
    }

    private static String session(TestServer server, String workspaceId, String ip) {
        Http.Reply r = server.http.send(server.http.builder("/api/v1/visitor/session", null)
                .header("X-Forwarded-For", ip).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"workspaceId\":\"" + workspaceId + "\"}")));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("visitor").get("id").asText();
    }

}
