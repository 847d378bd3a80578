// Pact's own verifier (Pact JS's Verifier, the Rust verifier underneath) holds the real producer to
// every pact the build exports (stubs/pacts/: the public contracts' and each consumer's), putting it
// in each interaction's state through its state hook, as a provider team would run it. The producer
// is the real jar, started by run-tests with the contract-states profile. A producer that answers
// price as a string fails, naming each interaction that relies on it.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from './support/published-stubs.js';
import { startLocalServer, type LocalServer } from './support/local-server.js';
import { run } from './support/processes.js';

/** One Pact verification run: loading, state changes and requests for every interaction of every pact. */
const VERIFICATION_TIMEOUT_MS = 180_000;
const STATE_HOOK = '_contract/states';

const producerUrl = process.env.PRODUCER_URL || undefined;
const pactsDir = join(dirname(openApiDocument), 'pacts');
const pactFiles = readdirSync(pactsDir).filter((name) => name.endsWith('.json')).sort().map((name) => join(pactsDir, name));
const verifyScript = join(dirname(fileURLToPath(import.meta.url)), 'support', 'pact-verify.js');

interface ExportedInteraction {
  consumer: string;
  description: string;
  /** Whether its answer lists packs, each with a price. */
  listsPrices: boolean;
}

const interactions: ExportedInteraction[] = pactFiles.flatMap((file) => {
  const pact = JSON.parse(readFileSync(file, 'utf8')) as {
    consumer: { name: string };
    interactions: { description: string; response: { body?: { content?: { data?: unknown } } } }[];
  };
  return pact.interactions.map((interaction) => {
    const data = interaction.response.body?.content?.data;
    return {
      consumer: pact.consumer.name,
      description: interaction.description,
      listsPrices: Array.isArray(data) && data.some((pack) => typeof (pack as { price?: unknown }).price === 'number'),
    };
  });
});

async function verify(providerBaseUrl: string) {
  const options = {
    providerBaseUrl,
    pactUrls: pactFiles,
    providerStatesSetupUrl: new URL(STATE_HOOK, providerBaseUrl).href,
  };
  const finished = await run(process.execPath, [verifyScript, JSON.stringify(options)], VERIFICATION_TIMEOUT_MS);
  // The Rust verifier colours its report whatever the output is.
  return { ...finished, output: finished.output.replace(/\x1b\[[0-9;]*m/g, '') };
}

/**
 * The interactions the Rust verifier's summary lists as failed, as "consumer: description":
 * "1) Verifying a pact between <consumer> and <provider> Given <state> - <description>".
 */
function failedInteractions(output: string): string[] {
  const failed = [...output.matchAll(/^\d+\) Verifying a pact between (\S+) and \S+(?: Given .*?)? - (.+?)$/gm)].map(
    ([, consumer, description]) => `${consumer}: ${description}`,
  );
  return [...new Set(failed)].sort();
}

describe("Pact's verifier against the real producer (Pact JS Verifier)", { skip: producerUrl === undefined && 'PRODUCER_URL is not set' }, () => {
  const producer = producerUrl!;

  test('the build exports pacts with interactions to verify, the public contracts and each consumer', () => {
    assert.ok(pactFiles.some((file) => file.endsWith('public-contract-credit-packs-api.json')), `no public contracts' pact in ${pactsDir}`);
    assert.ok(pactFiles.some((file) => file.endsWith('typescript-client-credit-packs-api.json')), `no typescript-client pact in ${pactsDir}`);
    assert.ok(interactions.some((interaction) => interaction.listsPrices));
  });

  test('every interaction of every exported pact holds against the producer, in its state through the state hook', async (t) => {
    const { code, output } = await verify(producer);

    t.diagnostic(`Pact verifier output:\n${output}`);
    assert.equal(code, 0, output);
    assert.match(output, /^pact-verify: every interaction holds$/m);
    assert.doesNotMatch(output, /FAILED|\(Pending\)/, output);
    for (const file of pactFiles) {
      const consumer = JSON.parse(readFileSync(file, 'utf8')).consumer.name as string;
      assert.match(output, new RegExp(`^Verifying a pact between ${consumer} and credit-packs-api`, 'm'), output);
    }
    for (const interaction of interactions) {
      assert.ok(output.includes(`  ${interaction.description} (`), `the verifier did not verify "${interaction.description}" of ${interaction.consumer}:\n${output}`);
    }
  });

  describe('a producer that answers price as a string', () => {
    let imitation: LocalServer;
    before(async () => {
      imitation = await startPriceAsStringProxy(producer);
    });
    after(() => imitation.close());

    test('fails, naming every interaction whose answer lists a price, and the price', async (t) => {
      const { code, output } = await verify(imitation.url);

      t.diagnostic(`Pact verifier output:\n${output}`);
      assert.equal(code, 1, output);
      assert.deepEqual(
        failedInteractions(output),
        interactions.filter((interaction) => interaction.listsPrices).map((interaction) => `${interaction.consumer}: ${interaction.description}`).sort(),
        output,
      );
      assert.match(output, /^ +\$\.data\[0\]\.price -> Expected '19\.99' \(String\) to be a number$/m, output);
    });
  });
});

/**
 * The real producer behind a proxy that turns every pack's price into a string ("19.99"): the same
 * states, the same hook, one drift a client cannot live with.
 */
function startPriceAsStringProxy(producer: string): Promise<LocalServer> {
  return startLocalServer(async (request, response) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of request) {
        chunks.push(chunk as Buffer);
      }
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(([name, value]) => typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)),
      ) as Record<string, string>;
      const answer = await fetch(new URL(request.url ?? '/', producer), {
        method: request.method,
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks) : null,
        signal: AbortSignal.timeout(30_000),
      });
      let body = Buffer.from(await answer.arrayBuffer());
      if ((answer.headers.get('content-type') ?? '').startsWith('application/json') && body.length > 0) {
        const json = JSON.parse(body.toString('utf8')) as { data?: { price?: unknown }[] };
        for (const pack of Array.isArray(json.data) ? json.data : []) {
          if (typeof pack.price === 'number') {
            pack.price = String(pack.price);
          }
        }
        body = Buffer.from(JSON.stringify(json));
      }
      response.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'application/octet-stream' }).end(body);
    } catch (error) {
      response.writeHead(502, { 'Content-Type': 'text/plain' }).end(`proxy: ${(error as Error).message}`);
    }
  });
}
