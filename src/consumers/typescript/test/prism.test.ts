// Other teams mock the API from the published OpenAPI document with their own tools; Prism is the
// usual one. Prism answers from the document's examples: with no preference, the first example of
// the lowest 2xx response (so the document lists `available` first); `Prefer: code=500` selects the
// 500, and `Prefer: example=<name>` an example by name.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ApiClient } from '../src/api-client.js';
import { documentedAnswers, documentedBody, openApiDocument } from './support/published-stubs.js';
import { closedPort } from './support/local-server.js';
import { PATIENCE_MS } from './support/patience.js';

const START_TIMEOUT_MS = 60_000;

function prismEntryPoint(): string {
  const manifestPath = createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json');
  const manifest = createRequire(import.meta.url)(manifestPath) as { bin: { prism: string } };
  return join(dirname(manifestPath), manifest.bin.prism);
}

interface RunningPrism {
  url: string;
  process: ChildProcess;
}

/** Starts `prism mock` on the document and resolves once it says it listens. */
async function startPrism(): Promise<RunningPrism> {
  const port = await closedPort();
  const child = spawn(process.execPath, [prismEntryPoint(), 'mock', '--host', '127.0.0.1', '--port', String(port), openApiDocument], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stderr!.on('data', collect);
  return new Promise<RunningPrism>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`Prism ${why}:\n${output}`));
    };
    const timer = setTimeout(() => fail(`did not listen within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.once('exit', (code) => fail(`exited with ${code}`));
    child.stdout!.on('data', (chunk: Buffer) => {
      collect(chunk);
      if (output.includes(`Prism is listening on http://127.0.0.1:${port}`)) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ url: `http://127.0.0.1:${port}/`, process: child });
      }
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

describe('Prism mocking the published OpenAPI document', () => {
  let prism: RunningPrism;
  before(async () => {
    prism = await startPrism();
  });
  after(() => (prism === undefined ? undefined : stop(prism.process)));

  async function get(prefer?: string) {
    const response = await fetch(new URL('credits/packs', prism.url), {
      headers: { Accept: 'application/json', ...(prefer === undefined ? {} : { Prefer: prefer }) },
      signal: AbortSignal.timeout(PATIENCE_MS),
    });
    return { status: response.status, contentType: response.headers.get('content-type'), body: await response.json() };
  }

  test('answers the catalog by default', async () => {
    assert.deepEqual(await get(), { status: 200, contentType: 'application/json', body: documentedBody('available') });
  });

  test('answers the 500 envelope with Prefer: code=500', async () => {
    assert.deepEqual(await get('code=500'), { status: 500, contentType: 'application/json', body: documentedBody('storefailure') });
  });

  test('answers every documented example when asked for it by name', async () => {
    for (const [name, answer] of documentedAnswers()) {
      assert.deepEqual(
        await get(`code=${answer.status}, example=${name}`),
        { status: answer.status, contentType: 'application/json', body: answer.body },
        `example ${name}`,
      );
    }
  });

  test('serves the reference-style client unchanged', async () => {
    assert.deepEqual(await new ApiClient(prism.url).getCreditsPacks(), documentedBody('available'));
  });
});
