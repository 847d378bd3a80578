/**
 * The backcompat gate: a published version's contracts (the last release's stubs jar) run against
 * a new producer and held to that version's own rules.
 */
package tech.flashback.creditpacks.tools.backcompat;
