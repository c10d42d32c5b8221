package dev.rnn4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Strict UTF-8 file reading: a missing file, a directory, an empty file or a malformed byte sequence is an
 * {@link IllegalArgumentException} naming the file (and the byte offset of bad input), never replacement
 * characters. A leading byte-order mark is dropped.
 */
public final class TextFiles {

    private TextFiles() {
    }

    /** The whole file as text; rejects empty files. */
    public static String readUtf8(Path file) {
        String text = readUtf8AllowEmpty(file);
        if (text.isEmpty()) throw new IllegalArgumentException("file is empty: " + file);
        return text;
    }

    static String readUtf8AllowEmpty(Path file) {
        if (file == null) throw new IllegalArgumentException("file path is null");
        if (!Files.exists(file)) throw new IllegalArgumentException("file not found: " + file);
        if (Files.isDirectory(file)) throw new IllegalArgumentException("expected a file but found a directory: " + file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String text = decodeUtf8(bytes, file.toString());
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Decodes with a REPORTing decoder; {@code source} names the input in the error. */
    public static String decodeUtf8(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 1);
        var result = decoder.decode(in, out, true);
        if (result.isUnderflow()) result = decoder.flush(out);
        if (result.isError()) {
            throw new IllegalArgumentException(source + " is not valid UTF-8: malformed byte sequence at byte offset "
                    + in.position() + " (length " + result.length() + "); re-encode the file as UTF-8");
        }
        out.flip();
        return out.toString();
    }

}
