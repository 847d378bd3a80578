/**
 * The contract diff: what a consumer of the baseline version would see from the candidate version,
 * by replaying the baseline's requests against the candidate's stubs and comparing rules by what
 * they accept; each change classed (breaking, needs review, additive) and the consumers it breaks
 * named.
 */
package tech.flashback.creditpacks.tools.diff;
