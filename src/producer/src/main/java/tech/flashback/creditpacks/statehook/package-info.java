/**
 * The state hook: {@code POST /_contract/states} puts a running producer into a contract's
 * producer state and back, for remote verification and Pact's verifiers. Served only under the
 * Spring profile {@code contract-states}, and only on the embedded in-memory database unless a real
 * store is allowed explicitly; its switch decides at start-up and logs which.
 */
package tech.flashback.creditpacks.statehook;
