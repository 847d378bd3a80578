/**
 * Verification of a running producer, in any language, over HTTP: state by state through its
 * state hook (Pact's provider-state dialect), each response held to the published rules, every call
 * bounded.
 */
package tech.flashback.creditpacks.tools.verify;
