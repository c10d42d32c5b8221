package dev.rnn4j.backend;

import dev.rnn4j.tensor.Tensor;

/** Embedding lookups. Ids are int32 and validated against the table before any memory is touched. */
public interface EmbeddingOps {

    /** {@code out[..., :] = table[ids[...], :]}; out has ids' shape plus the embedding width. */
    void embeddingGather(Tensor table, Tensor ids, Tensor out);

    /** {@code dTable[ids[...], :] += dOut[..., :]}. */
    void embeddingScatterAdd(Tensor dOut, Tensor ids, Tensor dTable);
}
