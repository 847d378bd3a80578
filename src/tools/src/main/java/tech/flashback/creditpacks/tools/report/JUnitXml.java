package tech.flashback.creditpacks.tools.report;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A report in the JUnit XML form CI servers show (Jenkins, GitLab, GitHub Actions' test
 * reporters, Maven's own): test suites, each with its test cases, each passed, failed or
 * skipped. Text a producer sent can hold characters XML 1.0 cannot carry; they are shown as
 * escapes instead.
 */
final class JUnitXml {

    /** How one test case ended. */
    enum Result {
        PASSED,
        FAILED,
        SKIPPED
    }

    /** One test case: its class name (its suite, by which CI servers group cases), name, result and what to show. */
    record TestCase(String className, String name, Result result, String message, String details) {}

    private final String name;
    private final Map<String, List<TestCase>> suites = new LinkedHashMap<>();

    JUnitXml(String name) {
        this.name = name;
    }

    JUnitXml add(String suite, TestCase testCase) {
        suites.computeIfAbsent(suite, unused -> new ArrayList<>()).add(testCase);
        return this;
    }

    String write() {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            List<TestCase> all = suites.values().stream().flatMap(List::stream).toList();
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", name);
            counts(xml, all);
            xml.writeCharacters("\n");
            for (Map.Entry<String, List<TestCase>> suite : suites.entrySet()) {
                xml.writeCharacters("  ");
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", clean(suite.getKey()));
                counts(xml, suite.getValue());
                xml.writeAttribute("time", "0");
                xml.writeCharacters("\n");
                for (TestCase testCase : suite.getValue()) {
                    write(xml, testCase);
                }
                xml.writeCharacters("  ");
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write the JUnit XML report", e);
        }
        return text.toString();
    }

    private static void counts(XMLStreamWriter xml, List<TestCase> cases) throws XMLStreamException {
        xml.writeAttribute("tests", String.valueOf(cases.size()));
        xml.writeAttribute(
                "failures",
                String.valueOf(
                        cases.stream().filter(c -> c.result() == Result.FAILED).count()));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute(
                "skipped",
                String.valueOf(
                        cases.stream().filter(c -> c.result() == Result.SKIPPED).count()));
    }

    private static void write(XMLStreamWriter xml, TestCase testCase) throws XMLStreamException {
        xml.writeCharacters("    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", clean(testCase.className()));
        xml.writeAttribute("name", clean(testCase.name()));
        xml.writeAttribute("time", "0");
        switch (testCase.result()) {
            case PASSED -> {
                if (testCase.details() != null && !testCase.details().isBlank()) {
                    xml.writeStartElement("system-out");
                    xml.writeCharacters(clean(testCase.details()));
                    xml.writeEndElement();
                }
            }
            case FAILED -> {
                xml.writeStartElement("failure");
                xml.writeAttribute("message", clean(testCase.message()));
                xml.writeAttribute("type", "contract");
                xml.writeCharacters(clean(testCase.details()));
                xml.writeEndElement();
            }
            case SKIPPED -> {
                xml.writeStartElement("skipped");
                xml.writeAttribute("message", clean(testCase.message()));
                xml.writeEndElement();
            }
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    /** Text XML 1.0 can carry: any other character (a control character a producer sent) shown as an escape. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean allowed = c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            if (allowed) {
                clean.appendCodePoint(c);
            } else {
                clean.append(String.format("\\u%04x", c));
            }
        });
        return clean.toString();
    }
}
