/**
 * The contract tools: everything that reads the contracts in {@code contracts/} or their
 * published form ({@code stubs/}, a stubs jar) and says something about a producer or a change.
 * One jar, a command per job ({@code cli}); each job in a package of its own; the published form
 * they all read in {@code published}; the -D settings they are run with named once, in
 * {@link tech.flashback.creditpacks.tools.ToolProperties}. Nothing here ships in the producer's jar.
 */
package tech.flashback.creditpacks.tools;
