package dev.kefu.knowledge;

/**
 * One row of an import file, as the format adapter read it. {@code row} is 1-based among the data rows.
 * {@code id} (nullable) names an existing article of the workspace to update; an unknown id is ignored and the
 * row creates a new article. {@code parseError} (nullable) says why the adapter could not read the row; then
 * {@code draft} is null.
 */
public record ImportRow(int row, String id, ArticleDraft draft, String parseError) {
    public static ImportRow failed(int row, String error) {
        return new ImportRow(row, null, null, error);
    }
}
