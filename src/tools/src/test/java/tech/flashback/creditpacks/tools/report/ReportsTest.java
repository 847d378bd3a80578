package tech.flashback.creditpacks.tools.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.flashback.creditpacks.tools.diff.ContractDiff;
import tech.flashback.creditpacks.tools.diff.ContractDiff.Change;
import tech.flashback.creditpacks.tools.diff.ContractDiff.Kind;
import tech.flashback.creditpacks.tools.published.BodyRules;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tech.flashback.creditpacks.tools.verify.ContractVerification;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Outcome;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Target;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Verdict;
import tools.jackson.databind.JsonNode;

/**
 * The reports CI systems read: the JSON ones valid against their published schema, the JUnit XML
 * ones read by the parser Maven's own reports use, with the counts and verdicts of the text report.
 */
class ReportsTest {

    private static final ContractVerification.Report VERIFICATION = new ContractVerification.Report(
            "tech.flashback:credit-packs-api:1.0.0:stubs",
            new Target("http://admin:s3cret@127.0.0.1:8080", "http://127.0.0.1:8080/_contract/states"),
            List.of(
                    new Outcome(null, "shouldReturnActivePacks", "available", Verdict.PASSED, ""),
                    new Outcome(
                            "web-storefront",
                            "a request for the credit packs",
                            "available",
                            Verdict.FAILED,
                            "GET /credits/packs answered 200:\n$.data[0].price: expected a number, got the string \"19.99\"\u0007"),
                    new Outcome("mobile-app", "a request for the credit packs", "available", Verdict.PASSED, ""),
                    new Outcome(
                            null,
                            "shouldReturnInternalErrorWhenStoreFails",
                            "storefailure",
                            Verdict.NOT_RUN,
                            "needs the producer in state storefailure")),
            List.of());

    private static final ContractDiff.Report DIFF = new ContractDiff.Report(
            "1.0.0",
            "working tree",
            List.of(
                    new Change("shouldReturnActivePacks", Kind.BREAKING, "response $.data[*].credits: removed"),
                    new Change("shouldReturnActivePacks", Kind.ADDITIVE, "response $.data[*].amount: added (number)"),
                    new Change(
                            "shouldReturnInternalErrorWhenStoreFails",
                            Kind.NEEDS_REVIEW,
                            "response rules changed at /properties/x")));

    @TempDir
    Path work;

    @Test
    void aVerificationsJsonReportFollowsThePublishedSchemaAndSaysWhoBreaks() {
        JsonNode json = PublishedJson.MAPPER.readTree(Reports.json("verify", VERIFICATION));

        assertThat(schema().problems(json)).isEmpty();
        assertThat(json.path("verdict").asString()).isEqualTo("failed");
        assertThat(json.path("producer").asString()).isEqualTo("http://admin:***@127.0.0.1:8080");
        assertThat(json.path("broken").toString()).isEqualTo("[\"web-storefront\"]");
        assertThat(json.path("counts").toString()).isEqualTo("{\"passed\":2,\"failed\":1,\"notRun\":1}");
        assertThat(json.path("results").get(1).path("consumer").asString()).isEqualTo("web-storefront");
        assertThat(json.path("results").get(0).path("consumer").isNull()).isTrue();
    }

    @Test
    void aVerificationsJUnitXmlHasASuitePerConsumerAndACasePerContractAndState() throws Exception {
        List<ReportTestSuite> suites = parse(Reports.junit("verify", VERIFICATION));

        assertThat(suites)
                .extracting(
                        ReportTestSuite::getFullClassName,
                        ReportTestSuite::getNumberOfTests,
                        ReportTestSuite::getNumberOfFailures,
                        ReportTestSuite::getNumberOfSkipped)
                .containsExactly(
                        tuple("public contract", 2, 0, 1),
                        tuple("web-storefront", 1, 1, 0),
                        tuple("mobile-app", 1, 0, 0));
        ReportTestCase failed = suites.get(1).getTestCases().get(0);
        assertThat(failed.getFullClassName()).isEqualTo("web-storefront");
        assertThat(failed.getName()).isEqualTo("state available: a request for the credit packs");
        assertThat(failed.getFailureMessage()).isEqualTo("GET /credits/packs answered 200:");
        assertThat(failed.getFailureDetail()).contains("expected a number, got the string \"19.99\"\\u0007");
    }

    @Test
    void aDiffsReportsCountBreakingToReviewAndAdditiveApart() throws Exception {
        JsonNode json = PublishedJson.MAPPER.readTree(Reports.json(DIFF));
        List<ReportTestSuite> suites = parse(Reports.junit(DIFF));

        assertThat(schema().problems(json)).isEmpty();
        assertThat(json.path("verdict").asString()).isEqualTo("breaking");
        assertThat(json.path("counts").toString()).isEqualTo("{\"breaking\":1,\"needsReview\":1,\"additive\":1}");
        assertThat(json.path("changes").get(2).path("kind").asString()).isEqualTo("needs_review");
        assertThat(suites).singleElement().satisfies(suite -> {
            assertThat(suite.getNumberOfTests()).isEqualTo(2);
            assertThat(suite.getNumberOfFailures()).isEqualTo(2);
        });
        assertThat(suites.get(0).getTestCases())
                .extracting(ReportTestCase::getName, ReportTestCase::getFailureMessage)
                .containsExactly(
                        tuple("shouldReturnActivePacks", "BREAKING: response $.data[*].credits: removed"),
                        tuple(
                                "shouldReturnInternalErrorWhenStoreFails",
                                "REVIEW: response rules changed at /properties/x"));
    }

    @Test
    void aReportReplacesAnEarlierReportButNeverAnotherFile() throws Exception {
        Path report = work.resolve("reports/verify.json");
        Reports.write(report, Reports.json("verify", VERIFICATION));
        Reports.write(report, Reports.json(DIFF));
        Path notes = work.resolve("notes.json");
        Files.writeString(notes, "{\"mine\": true}");

        assertThat(PublishedJson.read(report).path("tool").asString()).isEqualTo("diff");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Reports.write(notes, Reports.json(DIFF)))
                .withMessage("Will not write a report over " + notes
                        + ": it is not a report of these tools; name a new file");
        assertThat(notes).hasContent("{\"mine\": true}");
    }

    private static BodyRules schema() {
        try (InputStream schema = Reports.class.getClassLoader().getResourceAsStream(Reports.SCHEMA)) {
            return new BodyRules(PublishedJson.MAPPER.readTree(schema));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<ReportTestSuite> parse(String xml) throws Exception {
        TestSuiteXmlParser parser = new TestSuiteXmlParser(new NullConsoleLogger());
        List<ReportTestSuite> suites = parser.parse(new InputStreamReader(
                new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
        assertThat(parser.isValid()).as(xml).isTrue();
        return suites;
    }
}
