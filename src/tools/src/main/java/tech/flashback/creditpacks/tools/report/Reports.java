package tech.flashback.creditpacks.tools.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.flashback.creditpacks.tools.diff.ContractDiff;
import tech.flashback.creditpacks.tools.diff.ContractDiff.Change;
import tech.flashback.creditpacks.tools.diff.ContractDiff.Kind;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tech.flashback.creditpacks.tools.report.JUnitXml.Result;
import tech.flashback.creditpacks.tools.verify.ContractVerification;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Outcome;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Verdict;
import tech.flashback.creditpacks.tools.verify.HttpProbe;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tools' reports in the forms CI systems read, beside the text they print: JSON (its schema,
 * versioned, is {@value #SCHEMA}) and JUnit XML, one test case per contract and state with its
 * consumer (or the public contract) as the suite. Written where the user says, never over a file
 * that is not such a report.
 */
public final class Reports {

    /** The version of the JSON reports' form; a change that could break a reader of them takes the next. */
    public static final int SCHEMA_VERSION = 1;
    /** The JSON Schema of the JSON reports, in the tools' jar (and documented beside the tools' sources). */
    public static final String SCHEMA = "tech/flashback/creditpacks/tools/report/report-v1.schema.json";

    private Reports() {}

    /** A verification's report ({@code tool}: verify, gate or can-i-deploy) as JSON. */
    public static String json(String tool, ContractVerification.Report report) {
        ObjectNode json = header(tool);
        json.put("contracts", report.contracts());
        json.put("producer", HttpProbe.shown(report.target().producerUrl()));
        json.put(
                "stateHook",
                report.target().statesUrl() == null
                        ? null
                        : HttpProbe.shown(report.target().statesUrl()));
        json.put(
                "verdict",
                report.passed()
                        ? "passed"
                        : report.count(Verdict.FAILED) == 0
                                        && report.hookFailures().isEmpty()
                                ? "not_run"
                                : "failed");
        report.broken().forEach(json.putArray("broken")::add);
        ObjectNode counts = json.putObject("counts");
        counts.put("passed", report.count(Verdict.PASSED));
        counts.put("failed", report.count(Verdict.FAILED));
        counts.put("notRun", report.count(Verdict.NOT_RUN));
        ArrayNode results = json.putArray("results");
        for (Outcome outcome : report.outcomes()) {
            ObjectNode result = results.addObject();
            result.put("consumer", outcome.consumer());
            result.put("contract", outcome.contract());
            result.put("state", outcome.state());
            result.put("verdict", outcome.verdict().name().toLowerCase(Locale.ROOT));
            result.put("details", outcome.details());
        }
        report.hookFailures().forEach(json.putArray("stateHookFailures")::add);
        return PublishedJson.pretty(json);
    }

    /** A verification's report as JUnit XML: a suite per consumer (and the public contract), a case per contract and state. */
    public static String junit(String tool, ContractVerification.Report report) {
        JUnitXml xml = new JUnitXml("contract-tools " + tool + ": " + report.contracts());
        for (Outcome outcome : report.outcomes()) {
            Result result = switch (outcome.verdict()) {
                case PASSED -> Result.PASSED;
                case FAILED -> Result.FAILED;
                case NOT_RUN -> Result.SKIPPED;
            };
            // CI servers group test cases by class name: the consumer is the class, each contract in a state a case.
            xml.add(
                    outcome.owner(),
                    new JUnitXml.TestCase(
                            outcome.owner(),
                            "state " + outcome.state() + ": " + outcome.contract(),
                            result,
                            outcome.details()
                                    .lines()
                                    .findFirst()
                                    .orElse(outcome.verdict().name()),
                            outcome.details()));
        }
        for (String failure : report.hookFailures()) {
            xml.add(
                    "state hook",
                    new JUnitXml.TestCase("state hook", failure.split(":")[0], Result.FAILED, failure, failure));
        }
        return xml.write();
    }

    /** A contract diff's report as JSON. */
    public static String json(ContractDiff.Report report) {
        ObjectNode json = header("diff");
        json.put("baseline", report.baselineLabel());
        json.put("candidate", report.candidateLabel());
        json.put("verdict", name(report.verdict()));
        ObjectNode counts = json.putObject("counts");
        counts.put("breaking", report.count(Kind.BREAKING));
        counts.put("needsReview", report.count(Kind.NEEDS_REVIEW));
        counts.put("additive", report.count(Kind.ADDITIVE));
        ArrayNode changes = json.putArray("changes");
        for (Change change : report.changes()) {
            ObjectNode line = changes.addObject();
            line.put("contract", change.contract());
            line.put("kind", name(change.kind()));
            line.put("what", change.what());
        }
        return PublishedJson.pretty(json);
    }

    /** A contract diff's report as JUnit XML: a case per contract, failed by its breaking changes or those to review. */
    public static String junit(ContractDiff.Report report) {
        JUnitXml xml =
                new JUnitXml("contract-tools diff: " + report.baselineLabel() + " -> " + report.candidateLabel());
        Map<String, List<Change>> byContract = new LinkedHashMap<>();
        report.changes().stream()
                .sorted(Comparator.comparing(Change::contract))
                .forEach(change -> byContract
                        .computeIfAbsent(change.contract(), unused -> new ArrayList<>())
                        .add(change));
        byContract.forEach((contract, changes) -> {
            List<Change> failing = changes.stream()
                    .filter(change -> change.kind() != Kind.ADDITIVE)
                    .toList();
            StringBuilder details = new StringBuilder();
            changes.forEach(change -> details.append(change.kind().label)
                    .append(": ")
                    .append(change.what())
                    .append('\n'));
            xml.add(
                    "changes for consumers",
                    new JUnitXml.TestCase(
                            "changes for consumers",
                            contract,
                            failing.isEmpty() ? Result.PASSED : Result.FAILED,
                            failing.isEmpty()
                                    ? ""
                                    : failing.get(0).kind().label + ": "
                                            + failing.get(0)
                                                    .what()
                                                    .lines()
                                                    .findFirst()
                                                    .orElse(""),
                            details.toString()));
        });
        return xml.write();
    }

    private static ObjectNode header(String tool) {
        ObjectNode json = PublishedJson.MAPPER.createObjectNode();
        json.put("schemaVersion", SCHEMA_VERSION);
        json.put("tool", tool);
        return json;
    }

    private static String name(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Writes a report where the user asked, replacing an earlier report there but never another file.
     *
     * @throws IllegalArgumentException when {@code file} holds something else than a report of these tools
     */
    public static void write(Path file, String report) {
        if (Files.exists(file)) {
            String existing;
            try {
                existing = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException | UncheckedIOException unreadable) {
                existing = "";
            }
            boolean ours = existing.contains("\"schemaVersion\"") && existing.contains("\"tool\"")
                    || existing.startsWith("<?xml") && existing.contains("<testsuites name=\"contract-tools ");
            if (!ours || Files.isDirectory(file)) {
                throw new IllegalArgumentException("Will not write a report over " + file
                        + ": it is not a report of these tools;" + " name a new file");
            }
        }
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report " + file, e);
        }
    }
}
