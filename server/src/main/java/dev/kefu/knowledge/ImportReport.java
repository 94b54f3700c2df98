package dev.kefu.knowledge;

import java.util.List;

/** The outcome of an import: valid rows are saved, the others are listed with the reason. */
public record ImportReport(int created, int updated, List<RowError> errors) {
    public ImportReport {
        errors = List.copyOf(errors);
    }

    public record RowError(int row, String message) {
    }
}
