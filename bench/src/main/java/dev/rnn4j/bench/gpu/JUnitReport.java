package dev.rnn4j.bench.gpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The counts and failures of one JUnit console run, read from the legacy XML reports it writes with
 * {@code --reports-dir} (one {@code <testsuite>} per engine, a {@code <testcase>} per test with a
 * {@code <failure>}, {@code <error>} or {@code <skipped>} child).
 *
 * @param failures "test name: message" of each failed test, in report order
 */
public record JUnitReport(int tests, int skipped, int failed, List<String> failures) {

    public JUnitReport {
        failures = List.copyOf(failures);
    }

    public int passed() {
        return tests - skipped - failed;
    }

    /** The report of the XML files in {@code dir}; an IOException naming the file that cannot be read. */
    public static JUnitReport read(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
        }
        if (files.isEmpty()) throw new IOException("no XML report in " + dir);
        int tests = 0, skipped = 0, failed = 0;
        var failures = new ArrayList<String>();
        for (Path file : files) {
            NodeList cases = parse(file).getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element tc = (Element) cases.item(i);
                tests++;
                Element problem = first(tc, "failure", "error");
                if (problem != null) {
                    failed++;
                    String message = problem.getAttribute("message").strip().replaceAll("\\s+", " ");
                    failures.add(tc.getAttribute("classname").replaceAll(".*\\.", "") + "." + tc.getAttribute("name") + ": "
                            + (message.length() > 300 ? message.substring(0, 300) + "…" : message));
                } else if (first(tc, "skipped") != null) {
                    skipped++;
                }
            }
        }
        return new JUnitReport(tests, skipped, failed, failures);
    }

    private static Element parse(Path file) throws IOException {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(file + ": not a JUnit XML report: " + e.getMessage(), e);
        }
    }

    private static Element first(Element parent, String... names) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && List.of(names).contains(e.getTagName())) return e;
        }
        return null;
    }
}
