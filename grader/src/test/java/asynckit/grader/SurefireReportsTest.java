package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import asynckit.grader.Report.Status;
import asynckit.grader.SurefireReports.Case;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Surefire XML reports")
class SurefireReportsTest {
    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(SurefireReportsTest.class.getResource("/surefire/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("a captured report: display names, nested classes ($), skipped, failed and errored tests")
    void capturedReport() throws Exception {
        List<Case> cases = SurefireReports.read(fixture("nested-skipped-failed.xml"));

        assertThat(cases).hasSize(11);
        assertThat(cases).filteredOn(c -> c.name().equals("has every fetch in flight at the same time"))
                .singleElement().satisfies(c -> {
                    assertThat(c.className()).isEqualTo("asynckit.ex01.PageFetcherTest");
                    assertThat(c.status()).isEqualTo(Status.ERRORED);
                    assertThat(c.message()).startsWith("Not written yet: PageFetcher.fetchAll.");
                    assertThat(c.type()).isEqualTo("java.lang.UnsupportedOperationException");
                });
        assertThat(cases).filteredOn(c -> c.name().equals("fails with the fetch's own exception when one fetch fails"))
                .hasSize(1);
        assertThat(cases).filteredOn(c -> c.className().equals("asynckit.ex01.PageFetcherTest$Inner"))
                .extracting(Case::name, Case::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("nested passes", Status.PASSED),
                        org.assertj.core.groups.Tuple.tuple("plainName", Status.FAILED),
                        org.assertj.core.groups.Tuple.tuple("skipped", Status.SKIPPED));
        assertThat(cases).filteredOn(c -> c.className().equals("asynckit.ex01.PageFetcherTest$Inner$Deeper"))
                .extracting(Case::status).containsExactly(Status.PASSED);
        assertThat(cases).filteredOn(c -> c.name().equals("skipped")).singleElement()
                .extracting(Case::message).isEqualTo("not today");
    }

    @Test
    @DisplayName("simple class names, method names with (), a failure's text body and CDATA")
    void simpleNames() throws Exception {
        List<Case> cases = SurefireReports.read(fixture("simple-names.xml"));

        assertThat(cases).extracting(Case::className).containsOnly("PageFetcherTest");
        assertThat(cases).extracting(Case::status).containsExactly(Status.PASSED, Status.FAILED, Status.ERRORED);
        assertThat(cases.get(1).message()).isEqualTo("Mistake [blocked-the-caller]: fetchAll waited");
        assertThat(cases.get(2).message()).startsWith("java.lang.NullPointerException: boom");
        assertThat(cases.get(0).seconds()).isEqualTo(0.5);
    }

    @Test
    @DisplayName("malformed, truncated and DOCTYPE (entity) reports are ignored with a clear message, never fatal")
    void malformedReports() throws IOException {
        for (String name : List.of("not-xml.xml", "truncated.xml", "doctype.xml")) {
            Files.copy(fixture(name), dir.resolve("TEST-" + name));
        }
        Files.copy(fixture("simple-names.xml"), dir.resolve("TEST-good.xml"));

        SurefireReports.Result result = SurefireReports.readDir(dir, null);

        assertThat(result.files()).isEqualTo(1);
        assertThat(result.cases()).hasSize(3);
        assertThat(result.problems()).hasSize(3).allSatisfy(p ->
                assertThat(p).contains("is not a readable Surefire report").endsWith(": ignored"));
        assertThat(String.join("\n", result.problems())).doesNotContain("root:");
    }

    @Test
    @DisplayName("a report older than the grading run is ignored as stale")
    void staleReport() throws IOException {
        Path old = Files.copy(fixture("simple-names.xml"), dir.resolve("TEST-old.xml"));
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));

        SurefireReports.Result result = SurefireReports.readDir(dir, FileTime.from(Instant.now().minusSeconds(60)));

        assertThat(result.cases()).isEmpty();
        assertThat(result.problems()).singleElement().asString().contains("older than this grading run");
    }

    @Test
    @DisplayName("a report with 50 MB of captured output is read without holding the output")
    void hugeOutput() throws Exception {
        Path big = dir.resolve("TEST-big.xml");
        try (OutputStream out = Files.newOutputStream(big)) {
            out.write(("<?xml version=\"1.0\"?>\n<testsuite name=\"x\" tests=\"1\">"
                    + "<testcase name=\"a\" classname=\"b\"><failure message=\"m\"/><system-out><![CDATA[")
                    .getBytes(StandardCharsets.UTF_8));
            byte[] line = "spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam\n"
                    .getBytes(StandardCharsets.UTF_8);
            for (int written = 0; written < 50 * 1024 * 1024; written += line.length) {
                out.write(line);
            }
            out.write("]]></system-out></testcase></testsuite>".getBytes(StandardCharsets.UTF_8));
        }
        List<Case> cases = SurefireReports.read(big);
        assertThat(cases).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(Status.FAILED);
            assertThat(c.message()).isEqualTo("m");
        });
    }
}
