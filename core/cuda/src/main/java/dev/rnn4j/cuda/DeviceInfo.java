package dev.rnn4j.cuda;

/** What the driver says about one GPU. */
public record DeviceInfo(int ordinal, String name, long totalBytes, int computeMajor, int computeMinor, int multiprocessors) {
    public String computeCapability() {
        return computeMajor + "." + computeMinor;
    }
}
