/**
 * Can I deploy: a producer verified against every consumer's contracts and the public ones, as a
 * matrix and one verdict naming whom it would break.
 */
package tech.flashback.creditpacks.tools.deploy;
