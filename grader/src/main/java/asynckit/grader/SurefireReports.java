package asynckit.grader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads Surefire's {@code TEST-*.xml} files with a streaming XML parser (DTDs and external entities
 * off; {@code <system-out>} of any size is skipped, not held in memory).
 */
public final class SurefireReports {
    private SurefireReports() {}

    /** One {@code <testcase>}. */
    public record Case(String className, String name, Report.Status status, String message, String type,
                       double seconds, String file) {}

    /** What a folder of reports held, and the files that could not be read (with why). */
    public record Result(List<Case> cases, List<String> problems, int files) {}

    /** Reads every {@code TEST-*.xml} in {@code dir} modified at or after {@code notBefore} (null: any). */
    public static Result readDir(Path dir, FileTime notBefore) {
        List<Case> cases = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int files = 0;
        if (!Files.isDirectory(dir)) {
            return new Result(cases, problems, 0);
        }
        List<Path> reports;
        try (Stream<Path> list = Files.list(dir)) {
            reports = list.filter(p -> p.getFileName().toString().startsWith("TEST-"))
                    .filter(p -> p.getFileName().toString().endsWith(".xml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.add("cannot list " + dir + ": " + e.getMessage());
            return new Result(cases, problems, 0);
        }
        for (Path report : reports) {
            try {
                if (notBefore != null && Files.getLastModifiedTime(report).compareTo(notBefore) < 0) {
                    problems.add(report.getFileName() + " is older than this grading run: ignored");
                    continue;
                }
                cases.addAll(read(report));
                files++;
            } catch (IOException | XMLStreamException | RuntimeException e) {
                problems.add(report.getFileName() + " is not a readable Surefire report (" + oneLine(e.getMessage())
                        + "): ignored");
            }
        }
        return new Result(cases, problems, files);
    }

    public static List<Case> read(Path report) throws IOException, XMLStreamException {
        try (InputStream in = Files.newInputStream(report)) {
            return read(in, report.getFileName().toString());
        }
    }

    static List<Case> read(InputStream in, String fileName) throws XMLStreamException {
        List<Case> cases = new ArrayList<>();
        XMLStreamReader xml = Xml.stax().createXMLStreamReader(in);
        try {
            boolean sawSuite = false;
            String className = null;
            String name = null;
            double seconds = 0;
            Report.Status status = null;
            String message = null;
            String type = null;
            StringBuilder body = null;
            int depth = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String tag = xml.getLocalName();
                    if (depth == 1) {
                        if (!tag.equals("testsuite") && !tag.equals("testsuites")) {
                            throw new XMLStreamException("root element is <" + tag + ">, not <testsuite>");
                        }
                        sawSuite = true;
                    }
                    switch (tag) {
                        case "testcase" -> {
                            className = attr(xml, "classname");
                            name = attr(xml, "name");
                            seconds = parseSeconds(attr(xml, "time"));
                            status = Report.Status.PASSED;
                            message = null;
                            type = null;
                        }
                        case "failure", "error", "skipped", "rerunFailure", "rerunError", "flakyFailure",
                             "flakyError" -> {
                            if (className != null && (tag.equals("failure") || tag.equals("error")
                                    || tag.equals("skipped"))) {
                                Report.Status s = switch (tag) {
                                    case "failure" -> Report.Status.FAILED;
                                    case "error" -> Report.Status.ERRORED;
                                    default -> Report.Status.SKIPPED;
                                };
                                if (status == Report.Status.PASSED) {
                                    status = s;
                                    message = attr(xml, "message");
                                    type = attr(xml, "type");
                                    body = message == null ? new StringBuilder() : null;
                                }
                            }
                        }
                        default -> { }
                    }
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    if (body != null && body.length() < 2_000) {
                        body.append(xml.getText(), 0, Math.min(xml.getTextLength(), 2_000 - body.length()));
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    String tag = xml.getLocalName();
                    if ((tag.equals("failure") || tag.equals("error") || tag.equals("skipped")) && body != null) {
                        message = body.toString().strip();
                        body = null;
                    }
                    if (tag.equals("testcase") && className != null) {
                        cases.add(new Case(className, name == null ? "" : name, status, message, type, seconds,
                                fileName));
                        className = null;
                    }
                }
            }
            if (!sawSuite) {
                throw new XMLStreamException("no <testsuite> element");
            }
        } finally {
            xml.close();
        }
        return cases;
    }

    private static String attr(XMLStreamReader xml, String name) {
        return xml.getAttributeValue(null, name);
    }

    private static double parseSeconds(String s) {
        if (s == null) {
            return 0;
        }
        try {
            return Double.parseDouble(s.replace(",", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }
}
