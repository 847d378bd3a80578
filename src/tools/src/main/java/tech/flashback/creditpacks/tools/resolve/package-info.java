/**
 * Where published contracts come from: a folder, a stubs jar, or its Maven coordinates resolved
 * from a repository (bounded, read as data, unpacked copies removed when closed). The gate, the
 * diff, verification and the stub server all read a version through here.
 */
package tech.flashback.creditpacks.tools.resolve;
