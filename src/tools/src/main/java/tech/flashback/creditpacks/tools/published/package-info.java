/**
 * The published form of the contracts, as every tool reads it: the WireMock mappings and JSON
 * Schema rules in {@code stubs/} or a stubs jar ({@link PublishedStubs}, {@link PublishedStub}),
 * with the rules a response is held to and the problems a check reports.
 */
package tech.flashback.creditpacks.tools.published;
