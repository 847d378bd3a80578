// The pacts the build exports (stubs/pacts/), served by Pact's own stub server (pact-stub-server, the
// `pact stub` of @pact-foundation/pact-cli), as a team whose tooling speaks Pact would serve them:
// the reference-style client gets each interaction's answer, one provider state at a time.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { ApiClient } from '../src/api-client.js';
import { openApiDocument } from './support/published-stubs.js';
import { closedPort } from './support/local-server.js';
import { start, waitFor } from './support/processes.js';

const STARTUP_TIMEOUT_MS = 30_000;

/** The pact command line @pact-foundation/pact-cli installs for this platform (its pact-stub-server is `pact stub`). */
const pactCommand = (
  createRequire(import.meta.url)('@pact-foundation/pact-cli/src/pact-standalone') as { standalone(): { pactFullPath: string } }
).standalone().pactFullPath;

const pactsDir = join(dirname(openApiDocument), 'pacts');

interface Pact {
  consumer: { name: string };
  interactions: { description: string; providerStates: { name: string }[]; request: { method: string; path: string }; response: { status: number; body?: { content: unknown } } }[];
}

function readPact(name: string): Pact {
  return JSON.parse(readFileSync(join(pactsDir, name), 'utf8')) as Pact;
}

/** pact-stub-server on a free port of 127.0.0.1 serving `file`'s interactions in `state` only; stopped after the test. */
async function stubServer(t: { after(fn: () => unknown): void }, file: string, state: string): Promise<string> {
  const port = await closedPort();
  const server = start(pactCommand, ['stub', '--file', file, '--port', String(port), '--provider-state', `^${state}$`, '--loglevel', 'warn']);
  t.after(() => server.stop());
  const url = `http://127.0.0.1:${port}/`;
  await waitFor(`pact-stub-server on ${url} (${file}, state ${state}); it printed:\n${server.output()}`, STARTUP_TIMEOUT_MS, async () => {
    if (server.child.exitCode !== null) {
      throw new Error(`pact-stub-server exited ${server.child.exitCode}: ${server.output()}`);
    }
    await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return true;
  });
  return url;
}

describe("the exported pacts served by pact-stub-server", () => {
  for (const name of ['public-contract-credit-packs-api.json', 'typescript-client-credit-packs-api.json']) {
    const pact = readPact(name);
    describe(`${pact.consumer.name}'s pact`, () => {
      test('has an interaction of GET /credits/packs in each state', () => {
        assert.ok(pact.interactions.length >= 3);
        assert.ok(pact.interactions.every((interaction) => interaction.request.method === 'GET' && interaction.request.path === '/credits/packs'));
      });

      for (const interaction of pact.interactions) {
        const state = interaction.providerStates[0]!.name;
        test(`the client gets "${interaction.description}" in state ${state}`, async (t) => {
          const url = await stubServer(t, join(pactsDir, name), state);

          const answer = await new ApiClient(url, { timeoutMs: 5_000 }).getCreditsPacks();

          assert.deepEqual(answer, interaction.response.body?.content);
        });
      }
    });
  }
});
