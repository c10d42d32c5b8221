package dev.rnn4j.data;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 reader: fields split by a delimiter, records by LF or CRLF, double-quoted fields may hold
 * delimiters, line breaks and doubled quotes ({@code ""}). Blank lines are skipped. A quote inside an
 * unquoted field is kept literally (as Python's csv module does). Errors (an unterminated quote, text after
 * a closing quote, a record with a different field count than the header) name the source and the line.
 */
public final class Csv {

    /** One record with the (1-based) line it starts on. */
    public record Row(int line, List<String> fields) {
    }

    private Csv() {
    }

    /** Every record; the first is the header. Each must have as many fields as the first. */
    public static List<Row> parse(String text, char delimiter, String source) {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("delimiter cannot be a quote or a line break");
        }
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int rowLine = 1;
        boolean quoted = false;     // inside a quoted field
        boolean wasQuoted = false;  // current field was quoted and its closing quote was seen
        boolean rowStarted = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    wasQuoted = true;
                } else {
                    if (c == '\n') line++;
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                rowStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n')) {
                    throw new IllegalArgumentException(source + " line " + line + ": carriage return without line feed outside quotes");
                }
                if (c == '\r') i++;
                if (rowStarted || field.length() > 0 || wasQuoted) {
                    fields.add(field.toString());
                    rows.add(checked(new Row(rowLine, List.copyOf(fields)), rows, source));
                }
                fields.clear();
                field.setLength(0);
                wasQuoted = false;
                rowStarted = false;
                line++;
                rowLine = line;
            } else if (wasQuoted) {
                throw new IllegalArgumentException(source + " line " + line + ": unexpected character '" + c
                        + "' after a closing quote (a quote inside a quoted field must be doubled: \"\")");
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
                rowStarted = true;
            } else {
                field.append(c);
                rowStarted = true;
            }
            i++;
        }
        if (quoted) {
            throw new IllegalArgumentException(source + ": quoted field opened in the record starting at line " + rowLine + " is never closed");
        }
        if (rowStarted || field.length() > 0 || wasQuoted) {
            fields.add(field.toString());
            rows.add(checked(new Row(rowLine, List.copyOf(fields)), rows, source));
        }
        return rows;
    }

    private static Row checked(Row row, List<Row> earlier, String source) {
        if (!earlier.isEmpty() && row.fields().size() != earlier.getFirst().fields().size()) {
            throw new IllegalArgumentException(source + " line " + row.line() + ": " + row.fields().size()
                    + " fields but the header has " + earlier.getFirst().fields().size());
        }
        return row;
    }
}
