package dev.rnn4j.cli;

import dev.rnn4j.data.AclImdbLoader;
import dev.rnn4j.data.CsvLoader;
import dev.rnn4j.data.LabeledTexts;
import dev.rnn4j.data.NegationSentiment;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where labelled texts come from: a CSV file, an aclImdb folder, or the embedded negation task. */
final class LabeledDataOptions {

    @Option(names = "--csv", description = "CSV file with a header row, a text column and a label column.")
    Path csv;

    @Option(names = "--text-column", description = "CSV column holding the text. Default: ${DEFAULT-VALUE}.")
    String textColumn = "text";

    @Option(names = "--label-column", description = "CSV column holding the label. Default: ${DEFAULT-VALUE}.")
    String labelColumn = "label";

    @Option(names = "--delimiter", converter = OneCharacter.class, description = "CSV field delimiter (one character; \\t for tab). Default: ${DEFAULT-VALUE}.")
    String delimiter = ",";

    @Option(names = "--imdb", description = "aclImdb folder (with train/ and test/, each with pos/ and neg/).")
    Path imdb;

    @Option(names = "--max-per-class", converter = NumberRanges.NonNegativeInt.class, description = "aclImdb: at most this many reviews per class (0: all). Default: ${DEFAULT-VALUE}.")
    int maxPerClass;

    @Option(names = "--negation", converter = NumberRanges.AtLeastTwo.class, paramLabel = "N",
            description = "The embedded negation-sentiment task (generated), N examples (N >= 2).")
    Integer negation;

    boolean given() {
        return csv != null || imdb != null || negation != null;
    }

    /**
     * Loads the one source given; {@code split} is the aclImdb split, {@code knownLabels} (may be null) the
     * label names a trained model uses, {@code seed} seeds the generated task.
     */
    LabeledTexts load(String split, List<String> knownLabels, long seed) {
        int sources = (csv != null ? 1 : 0) + (imdb != null ? 1 : 0) + (negation != null ? 1 : 0);
        if (sources != 1) throw new IllegalArgumentException("give exactly one of --csv FILE, --imdb DIR or --negation N (got " + sources + ")");
        if (csv != null) return CsvLoader.load(csv, textColumn, labelColumn, delimiterChar(), knownLabels);
        if (imdb != null) return checked(AclImdbLoader.load(imdb, split, maxPerClass), knownLabels);
        return checked(NegationSentiment.generate(negation / 2, "test".equals(split) ? seed + 1 : seed), knownLabels);
    }

    private char delimiterChar() {
        return ("\\t".equals(delimiter) ? "\t" : delimiter).charAt(0);
    }

    /** One character, or \t for a tab. */
    static final class OneCharacter implements picocli.CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.length() != 1 && !"\\t".equals(value)) throw new picocli.CommandLine.TypeConversionException("must be one character (or \\t for tab), got '" + value + "'");
            return value;
        }
    }

    private static LabeledTexts checked(LabeledTexts d, List<String> knownLabels) {
        if (knownLabels != null && !knownLabels.equals(d.labelNames())) {
            throw new IllegalArgumentException("the data's labels " + d.labelNames() + " differ from the model's " + knownLabels);
        }
        return d;
    }
}
