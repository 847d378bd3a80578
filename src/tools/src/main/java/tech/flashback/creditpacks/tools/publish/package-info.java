/**
 * Publishing: the contracts in {@code contracts/} (Groovy DSL and consumers' Pact files) each read
 * once into its published form, checked, and written out as the published form (WireMock mappings,
 * JSON Schema rules, the OpenAPI document, Pact files), which the build compares with the committed
 * {@code stubs/}; beside it, the producer's generated contract tests, and the record of the last
 * run that lets an unchanged build skip the work.
 */
package tech.flashback.creditpacks.tools.publish;
