package dev.rnn4j.rnn;

/** Memory order of a padded sequence batch. */
public enum RnnDataLayout {
    /** [T, B, F]: cuDNN's CUDNN_RNN_DATA_LAYOUT_SEQ_MAJOR_UNPACKED. */
    SEQ_MAJOR,
    /** [B, T, F]: cuDNN's CUDNN_RNN_DATA_LAYOUT_BATCH_MAJOR_UNPACKED. */
    BATCH_MAJOR
}
