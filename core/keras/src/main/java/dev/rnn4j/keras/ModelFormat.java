package dev.rnn4j.keras;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The model file formats rnn4j reads, told apart by their first bytes (never by the file name). */
public enum ModelFormat {
    /** A Keras 3 {@code .keras} archive: a zip file ({@code PK\3\4}) with config.json, metadata.json and model.weights.h5. */
    KERAS,
    /** A legacy Keras {@code .h5} file (Keras 2 / tf.keras {@code model.save('x.h5')}): the HDF5 signature {@code \211HDF\r\n\032\n}. */
    HDF5,
    /** rnn4j's checkpoint: a safetensors file (an 8-byte header length, then JSON); anything that is neither of the above. */
    SAFETENSORS;

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    /** The format of {@code file} by its first eight bytes. */
    public static ModelFormat detect(Path file) throws IOException {
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return of(head, n);
    }

    /** The format of a file that starts with {@code head[0..length)}. */
    public static ModelFormat of(byte[] head, int length) {
        if (startsWith(head, length, ZIP)) return KERAS;
        if (startsWith(head, length, HDF5_SIGNATURE)) return HDF5;
        return SAFETENSORS;
    }

    private static boolean startsWith(byte[] head, int length, byte[] magic) {
        if (length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) if (head[i] != magic[i]) return false;
        return true;
    }

    /** The file extension rnn4j writes for this format. */
    public String extension() {
        return switch (this) {
            case KERAS -> ".keras";
            case HDF5 -> ".h5";
            case SAFETENSORS -> ".safetensors";
        };
    }

    /** The format named by {@code file}'s extension (for files to be written); null for other extensions. */
    public static ModelFormat forExtension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".keras")) return KERAS;
        if (name.endsWith(".h5") || name.endsWith(".hdf5")) return HDF5;
        if (name.endsWith(".safetensors")) return SAFETENSORS;
        return null;
    }
}
