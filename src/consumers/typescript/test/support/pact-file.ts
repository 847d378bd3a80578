// The consumer's pact as this repository keeps it: written by pact-consumer.test.ts into a folder of
// the run's own, and committed under contracts/consumers/, where the producer's build publishes and
// verifies it. The committed file must be the one the tests write, but for what differs from one
// Pact JS to the next without changing a contract: the versions in its metadata.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';

/** The consumer's name in its pact, its folder under contracts/consumers/ and its stubs' path. */
export const CONSUMER = 'typescript-client';
export const PROVIDER = 'credit-packs-api';
export const PACT_FILE = `${CONSUMER}-${PROVIDER}.json`;

/** What regenerates the committed pact, and after it the published stubs. */
export const REGENERATE = 'UPDATE_PACT=1 src/consumers/typescript/run-tests';
export const REGENERATE_STUBS = './mvnw -q generate-test-sources -Dstubs.update';

/**
 * The pact without what varies by the Pact JS that wrote it: the versions of Pact JS and of its
 * Rust core in the metadata. Everything else (interactions, matching rules, the specification) is
 * the contract.
 */
export function contractOf(pact: unknown): unknown {
  const copy = structuredClone(pact) as { metadata?: Record<string, unknown> };
  if (copy.metadata !== undefined) {
    delete copy.metadata['pact-js'];
    delete copy.metadata['pactRust'];
  }
  return copy;
}

/** The first place two JSON values differ, as a JSON path with both values; undefined when they are equal. */
export function firstDifference(committed: unknown, written: unknown, path = '$'): string | undefined {
  if (isDeepStrictEqual(committed, written)) {
    return undefined;
  }
  const bothObjects = typeof committed === 'object' && committed !== null && typeof written === 'object' && written !== null
    && Array.isArray(committed) === Array.isArray(written);
  if (bothObjects) {
    const a = committed as Record<string, unknown>;
    const b = written as Record<string, unknown>;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const at = Array.isArray(committed) ? `${path}[${key}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}['${key}']`;
      if (!(key in a)) {
        return `${at}: not in the committed file, written as ${JSON.stringify(b[key])}`;
      }
      if (!(key in b)) {
        return `${at}: committed as ${JSON.stringify(a[key])}, no longer written`;
      }
      const inside = firstDifference(a[key], b[key], at);
      if (inside !== undefined) {
        return inside;
      }
    }
  }
  return `${path}: committed as ${JSON.stringify(committed)}, written as ${JSON.stringify(written)}`;
}

/**
 * Why the committed pact is stale, naming the file, the first difference and the commands that
 * regenerate it; undefined when it is the pact the tests wrote.
 */
export function staleness(committedFile: string, writtenFile: string): string | undefined {
  let committed: unknown;
  try {
    committed = JSON.parse(readFileSync(committedFile, 'utf8'));
  } catch (error) {
    return `${committedFile} cannot be read as a pact (${(error as Error).message}).\n`
      + `Write it with: ${REGENERATE}\nthen publish it with: ${REGENERATE_STUBS}`;
  }
  const written: unknown = JSON.parse(readFileSync(writtenFile, 'utf8'));
  const difference = firstDifference(contractOf(committed), contractOf(written));
  if (difference === undefined) {
    return undefined;
  }
  return `${committedFile} is stale: it is not the pact the consumer's tests write (${writtenFile}).\n`
    + `First difference: ${difference}\n`
    + `Regenerate it with: ${REGENERATE}\nthen the stubs with: ${REGENERATE_STUBS}, and commit both.`;
}
