package dev.rnn4j.keras;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A Keras 3 {@code .keras} archive: a zip file with config.json, metadata.json and model.weights.h5. Entries are
 * read with every size bounded: a stored entry by the archive's size, a compressed one by {@link #INFLATION_LIMIT}
 * times it (Keras stores its entries uncompressed), whatever the entry header claims.
 */
final class Archive {

    static final String CONFIG = "config.json";
    static final String METADATA = "metadata.json";
    static final String WEIGHTS = "model.weights.h5";
    /** How much larger than the archive a compressed entry may inflate. */
    static final long INFLATION_LIMIT = 16;

    private Archive() {
    }

    /** The three entries' bytes. */
    record Contents(byte[] config, byte[] metadata, byte[] weights) {
    }

    static Contents read(Path file) throws IOException {
        long size = Files.size(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new Contents(entry(zip, file, CONFIG, size), optionalEntry(zip, file, METADATA, size), entry(zip, file, WEIGHTS, size));
        } catch (ZipException e) {
            throw new IllegalArgumentException(file + " is not a readable .keras archive (zip): " + e.getMessage(), e);
        }
    }

    private static byte[] optionalEntry(ZipFile zip, Path file, String name, long archiveSize) throws IOException {
        return zip.getEntry(name) == null ? null : entry(zip, file, name, archiveSize);
    }

    private static byte[] entry(ZipFile zip, Path file, String name, long archiveSize) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) throw new IllegalArgumentException(file + " is not a Keras archive: it has no " + name + " (a .keras file holds config.json, metadata.json, model.weights.h5)");
        long limit = e.getMethod() == ZipEntry.STORED ? archiveSize : archiveSize * INFLATION_LIMIT; // archiveSize < 2^40: no overflow
        limit = Math.min(limit, Integer.MAX_VALUE - 8);
        if (e.getSize() > limit) {
            throw new IllegalArgumentException(file + ": entry " + name + " claims " + e.getSize() + " bytes, more than the " + limit + " an archive of " + archiveSize + " bytes can hold");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(e.getSize(), 0), 1 << 20));
        byte[] buf = new byte[1 << 16];
        long total = 0;
        try (InputStream in = zip.getInputStream(e)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > limit) throw new IllegalArgumentException(file + ": entry " + name + " inflates beyond " + limit + " bytes (archive of " + archiveSize + " bytes)");
                out.write(buf, 0, n);
            }
        } catch (ZipException z) {
            throw new IllegalArgumentException(file + ": entry " + name + " is corrupted: " + z.getMessage(), z);
        }
        if (e.getSize() >= 0 && total != e.getSize()) throw new IllegalArgumentException(file + ": entry " + name + " has " + total + " bytes, its header says " + e.getSize());
        return out.toByteArray();
    }

    /** Writes an archive of stored entries (as Keras does) to a temporary file, then moves it into place. */
    static void write(Path file, String config, String metadata, byte[] weights) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(METADATA, metadata.getBytes(StandardCharsets.UTF_8));
        entries.put(CONFIG, config.getBytes(StandardCharsets.UTF_8));
        entries.put(WEIGHTS, weights);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
                for (var e : entries.entrySet()) {
                    ZipEntry entry = new ZipEntry(e.getKey());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setCrc(crc.getValue());
                    zip.putNextEntry(entry);
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
