package dev.kefu.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportMergerTest {

    private static RunResult part(long epochMillis, long sent, long... deliveryMicros) {
        Histogram h = new Histogram(3);
        for (long v : deliveryMicros) {
            h.recordValue(v);
        }
        LatencySummary delivery = LatencySummary.of(h);
        TimelinePoint point = new TimelinePoint(epochMillis, 1, 10, sent, sent, sent, 0, 0, 0, null, null, 5.0,
                HistogramCodec.encode(h));
        return new RunResult("run", "http://x", "epoll", 2, epochMillis, Map.of(),
                new Traffic(sent, sent, sent, 0, 0, 0, sent, sent, 3, Map.of("rate_limited", 1L)),
                new Connections(10, 10, 1, 1, 0, Map.of(), Map.of(), Map.of("4008", 1L),
                        Map.of("http://a", 6L, "http://b", 5L)),
                new Correctness(1, sent, 0, 0, 0, 0, 0, 0, 0), new Correctness(10, sent, 0, 0, 0, 1, 0, 0, 0),
                Map.of("delivery", delivery), List.of(point), null, null);
    }

    @Test
    void adds_counts_histograms_and_lines_up_timelines_by_second() {
        RunResult merged = ReportMerger.merge(List.of(part(10_000, 2, 1_000, 3_000), part(10_020, 3, 2_000, 4_000,
                100_000)));

        assertThat(merged.processes()).isEqualTo(2);
        assertThat(merged.traffic().sent()).isEqualTo(5);
        assertThat(merged.traffic().errorFrames()).containsEntry("rate_limited", 2L);
        assertThat(merged.connections().unexpectedCloses()).containsEntry("4008", 2L);
        assertThat(merged.connections().helloByNode()).containsEntry("http://a", 12L).containsEntry("http://b", 10L);
        assertThat(merged.visitors().lost()).isEqualTo(2);
        assertThat(merged.visitors().connections()).isEqualTo(20);
        assertThat(merged.latency().get("delivery").count()).isEqualTo(5);
        assertThat(merged.latency().get("delivery").maxMs()).isBetween(99.0, 101.0);
        assertThat(merged.timeline()).singleElement().satisfies(p -> {
            assertThat(p.sent()).isEqualTo(5);
            assertThat(p.connections()).isEqualTo(20);
            assertThat(p.clientCpuPercent()).isEqualTo(10.0);
        });
    }

    @Test
    void survives_a_round_trip_through_report_json(@TempDir Path dir) throws IOException {
        RunResult original = part(10_000, 2, 1_000, 3_000);
        ReportWriter.write(dir, original);

        RunResult read = ReportWriter.read(dir.resolve("report.json"));

        assertThat(read.traffic()).isEqualTo(original.traffic());
        assertThat(read.latency().get("delivery").decode().getTotalCount()).isEqualTo(2);
    }
}
