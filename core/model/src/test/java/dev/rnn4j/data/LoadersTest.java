package dev.rnn4j.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class LoadersTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static void assertFails(String expectedInMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expectedInMessage), "message '" + e.getMessage() + "' should mention '" + expectedInMessage + "'");
    }

    @Test
    void csvHandlesQuotedCommasNewlinesAndDoubledQuotes() throws Exception {
        Path f = write("sms.csv", "\uFEFFlabel,text,extra\r\nham,\"Hi, see you at 5\",x\r\nspam,\"WIN \"\"now\"\"\nreply YES\",\n\nham,plain text,\"\"\n");
        LabeledTexts d = CsvLoader.load(f, "text", "label");
        assertEquals(List.of("Hi, see you at 5", "WIN \"now\"\nreply YES", "plain text"), d.texts());
        assertEquals(List.of("ham", "spam"), d.labelNames());
        assertArrayEquals(new int[] {0, 1, 0}, d.labels());
        assertArrayEquals(new int[] {2, 1}, d.counts());
    }

    @Test
    void csvWithOtherDelimiterAndKnownLabels() throws Exception {
        Path f = write("tweets.tsv", "text\temotion\nso happy today\tjoy\nugh\tanger\n");
        LabeledTexts d = CsvLoader.load(f, "text", "emotion", '\t', List.of("anger", "joy", "sadness"));
        assertArrayEquals(new int[] {1, 0}, d.labels());
        assertEquals(3, d.labelNames().size());
        assertFails("unknown label 'joy' at " + f + " line 2", () -> CsvLoader.load(f, "text", "emotion", '\t', List.of("anger")));
    }

    @Test
    void csvErrorsNameTheFileLineAndColumn() throws Exception {
        Path ok = write("ok.csv", "label,text\nham,hello\n");
        assertFails("no column named 'message'; the header has [label, text]", () -> CsvLoader.load(ok, "message", "label"));
        assertFails("file not found", () -> CsvLoader.load(dir.resolve("nope.csv"), "text", "label"));
        assertFails("file is empty", () -> CsvLoader.load(write("empty.csv", ""), "text", "label"));
        assertFails("header but no data rows", () -> CsvLoader.load(write("header.csv", "label,text\n"), "text", "label"));
        assertFails("line 3: 3 fields but the header has 2", () -> CsvLoader.load(write("ragged.csv", "label,text\nham,a\nham,b,c\n"), "text", "label"));
        assertFails("starting at line 2 is never closed", () -> CsvLoader.load(write("open.csv", "label,text\nham,\"abc\nspam,d\n"), "text", "label"));
        assertFails("line 2: unexpected character 'x' after a closing quote", () -> CsvLoader.load(write("after.csv", "label,text\nham,\"a\"x\n"), "text", "label"));
        assertFails("line 3: empty label", () -> CsvLoader.load(write("nolabel.csv", "label,text\nham,a\n ,b\n"), "text", "label"));
        assertFails("appears more than once", () -> CsvLoader.load(write("dup.csv", "text,text,label\na,b,c\n"), "text", "label"));
        assertFails("expected a file but found a directory", () -> CsvLoader.load(dir, "text", "label"));
    }

    @Test
    void malformedUtf8IsReportedWithItsOffset() throws Exception {
        Path f = dir.resolve("latin1.csv");
        Files.write(f, new byte[] {'l', ',', 't', '\n', 'h', ',', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        assertFails("not valid UTF-8: malformed byte sequence at byte offset 9", () -> CsvLoader.load(f, "t", "l"));
        assertFails("not valid UTF-8", () -> TextCorpus.load(f, TokenizerConfig.chars()));
    }

    @Test
    void textCorpusMakesNextTokenWindows() throws Exception {
        TextCorpus c = TextCorpus.load(write("t.txt", "abcabcab"), TokenizerConfig.chars());
        int a = c.tokenizer().indexOf("a").getAsInt(), b = c.tokenizer().indexOf("b").getAsInt(), cc = c.tokenizer().indexOf("c").getAsInt();
        SequenceWindows w = c.windows(3, 2);
        assertEquals(3, w.count()); // starts 0, 2, 4 (start 6 would need 10 tokens)
        assertArrayEquals(new int[] {a, b, cc}, w.inputs()[0]);
        assertArrayEquals(new int[] {b, cc, a}, w.targets()[0]);
        assertArrayEquals(new int[] {b, cc, a}, w.inputs()[2]);
        assertArrayEquals(new int[] {cc, a, b}, w.targets()[2]);
        TextCorpus words = TextCorpus.of("The cat. The dog.\nThe end", TokenizerConfig.words());
        assertEquals("the cat the dog the end", words.tokenizer().decode(words.ids()));
        assertFails("needs at least 9", () -> c.windows(8, 1));
        assertFails("file is empty", () -> TextCorpus.load(write("e.txt", ""), TokenizerConfig.chars()));
        assertFails("no tokens after filtering", () -> TextCorpus.of("!!! ...", TokenizerConfig.words()));
        assertFails("stride must be positive", () -> c.windows(2, 0));
    }

    @Test
    void aclImdbLayoutIsReadInNameOrderWithLabels() throws Exception {
        write("aclImdb/train/pos/1_9.txt", "Great film.<br />Loved it");
        write("aclImdb/train/pos/0_10.txt", "Wonderful");
        write("aclImdb/train/neg/0_2.txt", "Dull");
        write("aclImdb/train/neg/urls.lst", "ignored");
        Path root = dir.resolve("aclImdb");
        LabeledTexts d = AclImdbLoader.load(root, "train", 0);
        assertEquals(List.of("Dull", "Wonderful", "Great film. Loved it"), d.texts());
        assertArrayEquals(new int[] {0, 1, 1}, d.labels());
        assertEquals(2, AclImdbLoader.load(root, "train", 1).size());
        assertFails("not an aclImdb layout", () -> AclImdbLoader.load(root, "test", 0));
        assertFails("did you mean", () -> AclImdbLoader.load(dir, "train", 0));
        assertFails("split must be 'train' or 'test'", () -> AclImdbLoader.load(root, "dev", 0));
        write("aclImdb/train/neg/1_1.txt", "");
        assertFails("file is empty", () -> AclImdbLoader.load(root, "train", 0));
    }
}
