/**
 * The reports CI systems read (JSON with a versioned schema, JUnit XML), written beside the text
 * each command prints, never over a file that is not such a report.
 */
package tech.flashback.creditpacks.tools.report;
