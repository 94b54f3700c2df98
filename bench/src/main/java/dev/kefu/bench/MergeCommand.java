package dev.kefu.bench;

import dev.kefu.bench.report.ReportMerger;
import dev.kefu.bench.report.ReportWriter;
import dev.kefu.bench.report.RunResult;
import dev.kefu.bench.report.TextReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code merge}: combine the report.json files of a split run into one report. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge the report.json of several client processes into one report.")
final class MergeCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "Directory for the merged report.")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "REPORT_JSON", description = "report.json files to merge.")
    List<Path> reports;

    @Override
    public Integer call() throws Exception {
        List<RunResult> parts = new ArrayList<>();
        for (Path report : reports) {
            parts.add(ReportWriter.read(report));
        }
        RunResult merged = ReportMerger.merge(parts);
        ReportWriter.write(out, merged);
        System.out.print(TextReport.render(merged));
        return "idle".equals(merged.mode()) || merged.correct() ? 0 : 2;
    }
}
