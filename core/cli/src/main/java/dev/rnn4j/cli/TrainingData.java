package dev.rnn4j.cli;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.train.Dataset;
import java.util.List;
import java.util.Map;

/** The data of one {@code train} command, ready for fit: training examples first, validation examples last. */
interface TrainingData {

    /** All examples; fit holds out the last {@link FitPlan#validation()} of them. */
    Dataset dataset();

    /** A checksum of the token ids (and labels) that a resume compares. */
    String fingerprint();

    /** What the checkpoint stores beside the weights to use the model ({@link CheckpointExtras}). */
    Map<String, String> extras();

    /** Lines describing the data and the split (each under 80 columns for usual names). */
    List<String> describe(FitPlan plan);

    /** What the held-out examples are, e.g. "62 windows, 6,200 chars" (null: none held out). */
    String heldOut(FitPlan plan);

    /** "char" or "word" for a language model (bits per token are reported), null for a classifier. */
    String tokenUnit();

    /** A new, uncompiled model for this data. */
    Model build(ModelOptions m, Backend backend, long seed);
}
