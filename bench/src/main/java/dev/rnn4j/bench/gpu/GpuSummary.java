package dev.rnn4j.bench.gpu;

import dev.rnn4j.bench.peers.PeerResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes {@code summary.md} of a {@code bench/gpu} run: the environment (nvidia-smi, {@code rnn4j info}'s
 * library report, the PyTorch side's versions), one table of every step with its result and, for the JUnit
 * steps, the test counts and the first failures, and the benchmark table with the output checks. Everything
 * comes from the files the run left; a missing file is said to be missing, never guessed.
 */
public final class GpuSummary {

    /** One line of steps.tsv: what bench/gpu recorded for a step. */
    record Step(String name, String title, String status, String exit, String seconds, String limit, String note) {

        static Step parse(String line, Path file) {
            String[] f = line.split("\t", -1);
            if (f.length != 7) throw new IllegalArgumentException(file + ": a step line needs 7 tab-separated fields, got " + f.length + ": " + line);
            return new Step(f[0], f[1], f[2], f[3], f[4], f[5], f[6]);
        }
    }

    /** Where the run's files are. {@code built} may not exist (a run from the build tree). */
    public record Inputs(Path steps, Path junit, Path logs, Path bench, Path built, String heading) {
    }

    private GpuSummary() {
    }

    public static String markdown(Inputs in) throws IOException {
        var md = new StringBuilder();
        md.append("# ").append(in.heading()).append("\n\n");
        readLines(in.built()).ifPresent(lines -> md.append("rnn4j build: ").append(String.join("; ", lines.stream().filter(l -> !l.isBlank()).limit(3).toList())).append("\n\n"));

        md.append("## Environment\n\n```text\n");
        environment(in.logs()).forEach(l -> md.append(l).append('\n'));
        md.append("```\n\n");

        List<Step> steps = steps(in.steps());
        md.append("## Steps\n\n");
        md.append("| step | what | result | tests | passed | failed | skipped | seconds (limit) | note |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        var failures = new ArrayList<String>();
        for (Step s : steps) {
            Path reports = in.junit().resolve(s.name());
            String counts = "| | | | ";
            if (Files.isDirectory(reports)) {
                try {
                    JUnitReport r = JUnitReport.read(reports);
                    counts = "| " + r.tests() + " | " + r.passed() + " | " + r.failed() + " | " + r.skipped() + " ";
                    r.failures().stream().limit(3).forEach(f -> failures.add(s.name() + ": " + f));
                    if (r.failures().size() > 3) failures.add(s.name() + ": … and " + (r.failures().size() - 3) + " more (see its log)");
                } catch (IOException e) {
                    counts = "| report unreadable | | | ";
                    failures.add(s.name() + ": " + e.getMessage());
                }
            }
            md.append("| ").append(s.name()).append(" | ").append(cell(s.title())).append(" | **").append(s.status()).append("** ")
                    .append(counts).append("| ").append(s.seconds()).append(" (").append(s.limit()).append(") | ").append(cell(s.note())).append(" |\n");
        }
        if (steps.isEmpty()) md.append("| (no step recorded) | | | | | | | | |\n");
        if (!failures.isEmpty()) {
            md.append("\nFirst failures:\n\n");
            failures.forEach(f -> md.append("- ").append(cell(f)).append('\n'));
        }

        md.append("\n## Benchmarks: rnn4j's CUDA backend against PyTorch on the same GPU, same data\n\n");
        benchmarks(in.bench(), md);
        return md.toString();
    }

    private static void benchmarks(Path bench, StringBuilder md) throws IOException {
        Optional<List<String>> lines = readLines(bench);
        if (lines.isEmpty()) {
            md.append("No benchmark results (").append(bench.getFileName()).append(" was not written).\n");
            return;
        }
        var headers = new ArrayList<String>();
        var checks = new ArrayList<String>();
        var failed = new ArrayList<String>();
        var results = new ArrayList<PeerResult>();
        for (String l : lines.get()) {
            if (l.startsWith("case=")) results.add(PeerResult.parse(l));
            else if (l.startsWith("# check ")) checks.add(l.substring(2));
            else if (l.startsWith("# failed ")) failed.add(l.substring("# failed ".length()));
            else if (l.startsWith("#")) headers.add(l.substring(1).strip());
        }
        headers.forEach(h -> md.append("- ").append(cell(h)).append('\n'));
        md.append('\n');
        md.append("| case | dims | rnn4j ms | PyTorch ms | ratio | target | met | outputs | notes |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (PeerResult r : results) {
            var extras = new java.util.LinkedHashMap<>(r.extras());
            String target = extras.remove("target");
            String met = extras.remove("met");
            String check = extras.remove("check");
            String notes = String.join(" ", extras.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
            md.append("| ").append(r.caseName()).append(" | ").append(r.dims()).append(" | ").append(PeerResult.format(r.rnn4jMs()))
                    .append(" | ").append(PeerResult.format(r.pytorchMs())).append(" | ").append(PeerResult.format(r.ratio()))
                    .append(" | ").append(target == null ? "" : target.equals("none") ? "none" : "≤ " + target)
                    .append(" | ").append(met == null ? "" : met.equals("no") ? "**no**" : met)
                    .append(" | ").append(check == null ? "" : check.equals("ok") ? "ok" : "**" + check + "**")
                    .append(" | ").append(cell(notes)).append(" |\n");
        }
        if (results.isEmpty()) md.append("| (no case has times on both sides) | | | | | | | | |\n");
        if (!failed.isEmpty()) {
            md.append("\nCases without a time on both sides:\n\n");
            failed.forEach(f -> md.append("- ").append(cell(f)).append('\n'));
        }
        if (!checks.isEmpty()) {
            md.append("\nOutput checks (relative difference max|rnn4j − PyTorch| / max|PyTorch|):\n\n```text\n");
            checks.forEach(c -> md.append(c).append('\n'));
            md.append("```\n");
        }
    }

    private static List<Step> steps(Path file) throws IOException {
        var steps = new ArrayList<Step>();
        for (String l : readLines(file).orElse(List.of())) {
            if (!l.isBlank() && !l.startsWith("#")) steps.add(Step.parse(l, file));
        }
        return steps;
    }

    /** nvidia-smi's query line, rnn4j info without its directory list, and the PyTorch side's versions. */
    static List<String> environment(Path logs) throws IOException {
        var out = new ArrayList<String>();
        out.add("$ nvidia-smi --query-gpu=...");
        out.addAll(readLines(logs.resolve("nvidia-smi.log")).map(l -> l.stream().limit(2).toList()).orElse(List.of("(no nvidia-smi log)")));
        out.add("$ rnn4j info (GpuBench info)");
        var info = readLines(logs.resolve("info.log"));
        if (info.isEmpty()) out.add("(no info log)");
        boolean inDirectoryList = false;
        for (String l : info.orElse(List.of())) {
            if (l.startsWith("Searched directories")) {
                inDirectoryList = true;
                out.add(l + " (listed in logs/info.log)");
                continue;
            }
            if (inDirectoryList && l.startsWith("  ")) continue;
            inDirectoryList = false;
            out.add(l);
        }
        out.add("$ gpu_pytorch_side.py versions");
        out.addAll(readLines(logs.resolve("python-versions.log")).orElse(List.of("(no python versions log)")));
        return out;
    }

    /** The lines of a file (malformed UTF-8 replaced, not fatal), without the JVM's incubator-module warning. */
    private static Optional<List<String>> readLines(Path file) throws IOException {
        if (file == null || !Files.isRegularFile(file)) return Optional.empty();
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        return Optional.of(text.lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList());
    }

    /** Text that cannot break a markdown table row. */
    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
