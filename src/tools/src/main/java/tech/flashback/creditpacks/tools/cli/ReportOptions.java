package tech.flashback.creditpacks.tools.cli;

import java.nio.file.Path;
import java.util.function.Supplier;

import picocli.CommandLine.Option;

import tech.flashback.creditpacks.tools.report.Reports;

/** Where a command writes its report for CI systems, beside the text it prints. */
final class ReportOptions {

    @Option(names = "--json", paramLabel = "FILE", defaultValue = "${sys:report.json}",
            description = "Also write the report as JSON (schema: report-v1.schema.json in the tools' jar; or -Dreport.json).")
    Path json;

    @Option(names = "--junit", paramLabel = "FILE", defaultValue = "${sys:report.junit}",
            description = "Also write the report as JUnit XML, for a CI server's test view (or -Dreport.junit).")
    Path junit;

    void write(Supplier<String> asJson, Supplier<String> asJUnit) {
        if (json != null) {
            Reports.write(json, asJson.get());
        }
        if (junit != null) {
            Reports.write(junit, asJUnit.get());
        }
    }
}
