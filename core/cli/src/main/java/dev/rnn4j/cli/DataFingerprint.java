package dev.rnn4j.cli;

import java.util.zip.CRC32C;

/** A checksum of the token ids and labels a run trains on, so that a resume can tell the data changed. */
final class DataFingerprint {

    private final CRC32C crc = new CRC32C();
    private long values;

    DataFingerprint add(int[] ids) {
        for (int v : ids) {
            crc.update(v >>> 24);
            crc.update(v >>> 16);
            crc.update(v >>> 8);
            crc.update(v);
        }
        values += ids.length;
        return this;
    }

    DataFingerprint add(int[][] rows) {
        for (int[] r : rows) add(r);
        return this;
    }

    /** e.g. "1a2b3c4d/12345": the CRC-32C and the number of values. */
    @Override
    public String toString() {
        return String.format("%08x/%d", crc.getValue(), values);
    }
}
