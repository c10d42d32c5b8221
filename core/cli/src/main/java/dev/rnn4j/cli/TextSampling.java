package dev.rnn4j.cli;

import dev.rnn4j.data.Tokenizer;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.generate.Sampler;
import dev.rnn4j.model.generate.TextGenerator;
import java.util.ArrayList;
import java.util.List;

/** Text in, text out around {@link TextGenerator}: prompts are checked against the vocabulary first. */
final class TextSampling {

    private TextSampling() {
    }

    /** The prompt's ids; every token must be known (an unknown one is an error naming it). */
    static int[] promptIds(Tokenizer tokenizer, String prompt) {
        if (prompt.isEmpty()) throw new IllegalArgumentException("the prompt is empty");
        List<String> unknown = new ArrayList<>();
        List<String> tokens = tokenizer.tokens(prompt);
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            var id = tokenizer.indexOf(tokens.get(i));
            if (id.isPresent()) ids[i] = id.getAsInt();
            else if (!unknown.contains(tokens.get(i))) unknown.add(tokens.get(i));
        }
        if (!unknown.isEmpty()) throw new IllegalArgumentException("the prompt has tokens the model never saw: " + quoted(unknown));
        if (ids.length == 0) throw new IllegalArgumentException("the prompt has no tokens after filtering");
        return ids;
    }

    /** {@code count} tokens sampled after {@code prompt}, decoded (the prompt itself is not included). */
    static String continuation(Model model, Tokenizer tokenizer, String prompt, int count, Sampler sampler, long seed) {
        if (count < 1) throw new IllegalArgumentException("the number of tokens to sample must be >= 1, got " + count);
        try (TextGenerator gen = new TextGenerator(model, sampler, seed)) {
            return tokenizer.decode(gen.generate(promptIds(tokenizer, prompt), count)); // decode skips padding ids
        }
    }

    /** Greedy at temperature 0; else softmax sampling, restricted to the top k (0: no limit) and then to top-p (1: no limit). */
    static Sampler sampler(float temperature, int topK, double topP) {
        if (temperature == 0f) return Sampler.greedy();
        return Sampler.topKTopP(topK > 0 ? topK : Integer.MAX_VALUE, topP, temperature);
    }

    /**
     * The prompt followed by its continuation, as the tokenizer would write them: characters join directly;
     * words are separated by the tokenizer's split unless the prompt already ends with whitespace.
     */
    static String join(Tokenizer tokenizer, String prompt, String continuation) {
        if (tokenizer.config().charLevel() || prompt.isEmpty() || continuation.isEmpty() || Character.isWhitespace(prompt.charAt(prompt.length() - 1))) {
            return prompt + continuation;
        }
        return prompt + tokenizer.config().split() + continuation;
    }

    /** The default prompt: a newline at char level when the vocabulary has one, else the most frequent real token. */
    static String defaultPrompt(Tokenizer tokenizer) {
        if (tokenizer.config().charLevel() && tokenizer.indexOf("\n").isPresent()) return "\n";
        int first = tokenizer.oovIndex() == 1 ? 2 : 1;
        if (first >= tokenizer.vocabularySize()) throw new IllegalArgumentException("the model's vocabulary has no token to start from; give --prompt");
        return tokenizer.word(first);
    }

    /** {@code sampler} for a model whose outputs are probabilities: it samples from their logarithms, softmax(log p / T). */
    static Sampler fromProbabilities(Sampler sampler) {
        return (p, seed, draw) -> {
            float[] logits = new float[p.length];
            for (int i = 0; i < p.length; i++) logits[i] = (float) Math.log(Math.max(p[i], Float.MIN_NORMAL));
            return sampler.sample(logits, seed, draw);
        };
    }

    private static String quoted(List<String> tokens) {
        return String.join(", ", tokens.stream().map(t -> "'" + t.replace("\n", "\\n").replace("\t", "\\t") + "'").toList());
    }
}
