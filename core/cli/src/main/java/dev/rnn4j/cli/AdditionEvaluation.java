package dev.rnn4j.cli;

import dev.rnn4j.data.AdditionCorpus;
import dev.rnn4j.data.AdditionCorpus.Addition;
import dev.rnn4j.data.AdditionScore;
import dev.rnn4j.data.Tokenizer;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.generate.Sampler;
import dev.rnn4j.model.generate.TextGenerator;
import java.util.Collection;

/** How well a char model trained on the addition corpus adds: free-running samples and held-out prompts. */
final class AdditionEvaluation {

    private AdditionEvaluation() {
    }

    /** Free-running text after a newline, scored line by line. */
    record Sample(String text, AdditionScore score) {
    }

    static Sample sample(Model model, Tokenizer tokenizer, int chars, Sampler sampler, long seed) {
        String text = TextSampling.continuation(model, tokenizer, "\n", chars, sampler, seed);
        return new Sample(text, AdditionCorpus.score(text));
    }

    /** Greedy completion of {@code "\na+b="} for each problem (none of them in the training text). */
    static int correctCompletions(Model model, Tokenizer tokenizer, Collection<Addition> problems) {
        int newline = tokenizer.indexOf("\n").orElseThrow(() -> new IllegalStateException("the vocabulary has no newline"));
        int correct = 0;
        try (TextGenerator gen = new TextGenerator(model, Sampler.greedy(), 0)) {
            for (Addition p : problems) {
                gen.reset();
                gen.feed(TextSampling.promptIds(tokenizer, "\n" + p.prompt()));
                StringBuilder answer = new StringBuilder();
                for (int i = 0; i < 4; i++) {
                    int id = gen.next();
                    if (id == newline) break;
                    answer.append(id == 0 ? "?" : tokenizer.word(id));
                }
                if (answer.toString().equals(Integer.toString(p.sum()))) correct++;
            }
        }
        return correct;
    }
}
