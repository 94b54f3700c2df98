package dev.kefu.bench.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes report.txt, report.json and report.html into a directory, and reads report.json back. Thread-safe. */
public final class ReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReportWriter() {}

    public static void write(Path dir, RunResult result) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.txt"), TextReport.render(result));
        JSON.writeValue(dir.resolve("report.json").toFile(), result);
        Files.writeString(dir.resolve("report.html"), HtmlReport.render(result));
    }

    public static RunResult read(Path reportJson) throws IOException {
        return JSON.readValue(reportJson.toFile(), RunResult.class);
    }
}
