package dev.rnn4j.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a labelled-text CSV with a header row (e.g. an SMS spam file with columns {@code label,text} or a
 * tweet emotion file with {@code text,emotion}): the text and label columns are chosen by name.
 * Every row is checked before anything is returned: a missing column, an empty label or a label outside
 * {@code knownLabels} is an error naming the file and line.
 */
public final class CsvLoader {

    private CsvLoader() {
    }

    /** Labels are the distinct values of the label column, sorted. */
    public static LabeledTexts load(Path file, String textColumn, String labelColumn) {
        return load(file, textColumn, labelColumn, ',', null);
    }

    /**
     * @param knownLabels the label names to use, in id order (e.g. those of a trained model); {@code null}
     *                    takes the sorted distinct labels of the file
     */
    public static LabeledTexts load(Path file, String textColumn, String labelColumn, char delimiter, List<String> knownLabels) {
        String source = String.valueOf(file);
        List<Csv.Row> rows = Csv.parse(TextFiles.readUtf8(file), delimiter, source);
        if (rows.isEmpty()) throw new IllegalArgumentException(source + " has no header row");
        List<String> header = rows.getFirst().fields();
        int textAt = column(header, textColumn, source);
        int labelAt = column(header, labelColumn, source);
        if (rows.size() == 1) throw new IllegalArgumentException(source + " has a header but no data rows");
        List<String> texts = new ArrayList<>(rows.size() - 1);
        List<String> labels = new ArrayList<>(rows.size() - 1);
        List<Csv.Row> data = rows.subList(1, rows.size());
        for (Csv.Row row : data) {
            String label = row.fields().get(labelAt).strip();
            if (label.isEmpty()) throw new IllegalArgumentException(source + " line " + row.line() + ": empty label in column '" + labelColumn + "'");
            texts.add(row.fields().get(textAt));
            labels.add(label);
        }
        return LabeledTexts.of(texts, labels, knownLabels, i -> source + " line " + data.get(i).line());
    }

    private static int column(List<String> header, String name, String source) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("column name is empty");
        int found = -1;
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().equals(name)) {
                if (found >= 0) throw new IllegalArgumentException(source + ": column '" + name + "' appears more than once in the header " + header);
                found = i;
            }
        }
        if (found < 0) throw new IllegalArgumentException(source + ": no column named '" + name + "'; the header has " + header);
        return found;
    }
}
