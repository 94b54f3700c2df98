package dev.kefu.api;

import dev.kefu.common.KefuException;
import dev.kefu.knowledge.Article;
import dev.kefu.knowledge.ArticleDraft;
import dev.kefu.knowledge.ImportRow;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Articles as CSV (RFC 4180, UTF-8, a header row): {@code id, title, questions, answer, tags, enabled}.
 * Questions are separated by line breaks or {@code |}, tags by {@code |} or commas; quoted cells may span lines.
 *
 * <p>Spreadsheets run a cell that starts with {@code = + - @} as a formula, so an exported cell starting so gets
 * a leading apostrophe (shown by spreadsheets, not run), and an import removes it again.
 */
final class ArticleCsv {
    static final String[] HEADER = {"id", "title", "questions", "answer", "tags", "enabled"};
    private static final char BOM = '\uFEFF';

    private ArticleCsv() {
    }

    static List<ImportRow> rows(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.isEmpty() && text.charAt(0) == BOM) {
            text = text.substring(1);
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreHeaderCase(true).setTrim(true).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = format.parse(new StringReader(text))) {
            Map<String, Integer> header = new HashMap<>();
            parser.getHeaderMap().forEach((k, v) -> header.put(k.toLowerCase(Locale.ROOT), v));
            if (!header.containsKey("title") || !header.containsKey("answer")) {
                throw KefuException.invalid("the CSV header must name at least the columns title and answer ("
                        + String.join(", ", HEADER) + ")");
            }
            List<ImportRow> rows = new ArrayList<>();
            int n = 0;
            for (CSVRecord r : parser) {
                n++;
                rows.add(row(n, r, header));
            }
            return rows;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // commons-csv reports an unclosed quote or a repeated column name this way.
            throw KefuException.invalid("malformed CSV: " + e.getMessage());
        }
    }

    private static ImportRow row(int n, CSVRecord r, Map<String, Integer> header) {
        if (r.size() != header.size()) {
            return ImportRow.failed(n, "has " + r.size() + " cells, the header has " + header.size());
        }
        String enabled = cell(r, header, "enabled");
        Boolean on;
        if (enabled == null || enabled.isEmpty()) {
            on = null;
        } else if (List.of("true", "yes", "1", "y").contains(enabled.toLowerCase(Locale.ROOT))) {
            on = true;
        } else if (List.of("false", "no", "0", "n").contains(enabled.toLowerCase(Locale.ROOT))) {
            on = false;
        } else {
            return ImportRow.failed(n, "enabled must be true or false");
        }
        String id = cell(r, header, "id");
        ArticleDraft d = new ArticleDraft(cell(r, header, "title"), split(cell(r, header, "questions"), "[\\r\\n|]+"),
                cell(r, header, "answer"), split(cell(r, header, "tags"), "[|,]"), on);
        return new ImportRow(n, id == null || id.isEmpty() ? null : id, d, null);
    }

    private static String cell(CSVRecord r, Map<String, Integer> header, String name) {
        Integer i = header.get(name);
        if (i == null) {
            return null;
        }
        String v = r.get(i);
        return v.length() > 1 && v.charAt(0) == '\'' && "=+-@".indexOf(v.charAt(1)) >= 0 ? v.substring(1) : v;
    }

    private static List<String> split(String cell, String separators) {
        return cell == null ? List.of() : Arrays.asList(cell.split(separators));
    }

    /** The articles as a CSV file, with a byte-order mark so spreadsheet programs read it as UTF-8. */
    static byte[] export(List<Article> articles) {
        StringBuilder out = new StringBuilder().append(BOM);
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (Article a : articles) {
                p.printRecord(a.id(), safe(a.title()), safe(String.join("\n", a.questions())), safe(a.answer()),
                        safe(String.join("|", a.tags())), a.enabled());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String safe(String cell) {
        return !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }
}
