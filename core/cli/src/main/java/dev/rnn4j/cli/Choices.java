package dev.rnn4j.cli;

import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for options that take one of a few words, so a wrong word is a usage error (exit 2,
 * naming the option and the words it takes) while the command line is parsed.
 */
final class Choices {

    private Choices() {
    }

    /** One of {@code words}, as written (case matters). */
    abstract static class OneOf implements ITypeConverter<String>, Iterable<String> {
        private final List<String> words;

        OneOf(String... words) {
            this.words = List.of(words);
        }

        @Override
        public String convert(String value) {
            if (!words.contains(value)) throw new TypeConversionException("must be one of " + String.join(", ", words) + "; got '" + value + "'");
            return value;
        }

        @Override
        public java.util.Iterator<String> iterator() {
            return words.iterator();
        }
    }

    static final class Cell extends OneOf {
        Cell() {
            super("lstm", "gru", "simple_rnn");
        }
    }

    static final class Optimizer extends OneOf {
        Optimizer() {
            super("adam", "rmsprop", "sgd");
        }
    }

    static final class Backend extends OneOf {
        Backend() {
            super("auto", "cpu", "cuda");
        }
    }

    static final class Level extends OneOf {
        Level() {
            super("char", "word");
        }
    }

    /** pad_sequences' truncating: which end of a long text is cut. */
    static final class Truncating extends OneOf {
        Truncating() {
            super("pre", "post");
        }
    }

    /** Bidirectional's merge_mode. */
    static final class Merge extends OneOf {
        Merge() {
            super("concat", "sum", "ave", "mul");
        }
    }

    /** An aclImdb split. */
    static final class Split extends OneOf {
        Split() {
            super("train", "test");
        }
    }
}
