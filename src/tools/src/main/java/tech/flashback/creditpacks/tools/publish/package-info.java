/**
 * Publishing: the contracts in {@code contracts/} (Groovy DSL and consumers' Pact files) read,
 * checked and written out as the published form (WireMock mappings, JSON Schema rules, the OpenAPI
 * document, Pact files), which the build compares with the committed {@code stubs/}.
 */
package tech.flashback.creditpacks.tools.publish;
