/**
 * The command line ({@code contract-tools}, picocli): one command per job, the same options and
 * exit codes whether run from the cli jar or by the Maven build ({@link
 * tech.flashback.creditpacks.tools.cli.MavenEntryPoint}). Commands parse and print; the work is in
 * the job's own package.
 */
package tech.flashback.creditpacks.tools.cli;
