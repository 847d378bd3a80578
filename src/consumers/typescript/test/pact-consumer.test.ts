// The TypeScript client's own contract, written as a Pact consumer test (Pact JS, specification 4):
// the reference-style ApiClient.getCreditsPacks() against Pact's mock server, in each state the
// client handles, expecting exactly the fields its types use, with matchers for what it relies on.
// The pact it writes is committed as contracts/consumers/typescript-client/, where the producer's
// build publishes its stubs and rules and verifies the producer against it on every build; the last
// test fails when the committed file is not the one these tests write.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { MatchersV3, PactV4, SpecificationVersion } from '@pact-foundation/pact';
import { makeConsumerPact } from '@pact-foundation/pact-core';
import { ApiClient } from '../src/api-client.js';
import type { CreditPack, CreditPacksCatalog, CreditPacksFailure } from '../src/credit-packs.js';
import { documentedBody } from './support/published-stubs.js';
import { CONSUMER, PACT_FILE, PROVIDER, REGENERATE, REGENERATE_STUBS, contractOf, firstDifference, staleness } from './support/pact-file.js';

const { integer, number, reify, string } = MatchersV3;

function required(variable: string): string {
  const value = process.env[variable];
  if (!value) {
    throw new Error(`${variable} is not set: run these tests through src/consumers/typescript/run-tests`);
  }
  return value;
}

/** Where Pact JS writes the pact: a folder of this run's own, emptied first (Pact merges into what it finds). */
const pactDir = required('PACT_DIR');
const writtenPact = join(pactDir, PACT_FILE);
const committedPact = join(required('PROJECT_DIR'), 'contracts', 'consumers', CONSUMER, PACT_FILE);

/** The words the pact gives the producer's states in; contracts/consumers/typescript-client/provider-states.properties maps them. */
const CATALOG = 'credit packs are on sale';
const EMPTY_CATALOG = 'no credit pack is on sale';
const STORE_DOWN = 'the credit pack store is down';

// Example values from the published document (the contracts' own), so that the pact and the public
// examples never disagree; the fields are the ones the client's type of a pack has, every one of them.
const example = documentedBody('available') as CreditPacksCatalog;
const documentedPack = example.data[0]!;
const failure = documentedBody('storefailure') as CreditPacksFailure;

const pack = {
  id: string(documentedPack.id),
  name: string(documentedPack.name),
  code: string(documentedPack.code),
  // The client shows credits as a count and price as an amount: a whole number, and a number.
  credits: integer(documentedPack.credits),
  price: number(documentedPack.price),
} satisfies Record<keyof CreditPack, unknown>;

const pact = new PactV4({
  consumer: CONSUMER,
  provider: PROVIDER,
  dir: pactDir,
  spec: SpecificationVersion.SPECIFICATION_VERSION_V4,
  logLevel: 'error',
});

// pact-core 19 (the newest Pact JS 16.5 takes on Node 20) can answer a request and then report it as not
// received, when Pact JS asks before the mock server's own bookkeeping has caught up on a busy machine
// (pact-foundation/pact-reference#535; fixed in pact-core 20, which needs Node 22). So the client's call
// returns only once the mock server says every expected request matched, or after a bound: a request
// that really did not match still fails the test, with Pact's own mismatch report.
const bookkeeping = makeConsumerPact(`${CONSUMER}-bookkeeping`, PROVIDER);
const BOOKKEEPING_BOUND_MS = 5_000;

async function getCreditsPacks(mockServer: { url: string; port: number }) {
  const packs = await new ApiClient(mockServer.url, { timeoutMs: 5_000 }).getCreditsPacks();
  for (const deadline = Date.now() + BOOKKEEPING_BOUND_MS; !bookkeeping.mockServerMatchedSuccessfully(mockServer.port) && Date.now() < deadline; ) {
    await delay(10);
  }
  return packs;
}

describe("the TypeScript client's pact with credit-packs-api", () => {
  before(() => rmSync(writtenPact, { force: true }));

  test('lists the packs on sale, each with the fields its type has', async () => {
    const body = { success: true, data: MatchersV3.atLeastOneLike(pack) } satisfies Record<keyof CreditPacksCatalog, unknown>;
    await pact
      .addInteraction()
      .given(CATALOG)
      .uponReceiving('a request for the packs on sale')
      .withRequest('GET', '/credits/packs', (request) => request.headers({ Accept: 'application/json' }))
      .willRespondWith(200, (response) => response.jsonBody(body))
      .executeTest(async (mockServer) => {
        assert.deepEqual(await getCreditsPacks(mockServer), reify(body));
      });
  });

  test('lists no pack when none is on sale', async () => {
    const body = { success: true, data: [] } satisfies CreditPacksCatalog;
    await pact
      .addInteraction()
      .given(EMPTY_CATALOG)
      .uponReceiving('a request for the packs when none is on sale')
      .withRequest('GET', '/credits/packs', (request) => request.headers({ Accept: 'application/json' }))
      .willRespondWith(200, (response) => response.jsonBody(body))
      .executeTest(async (mockServer) => {
        assert.deepEqual(await getCreditsPacks(mockServer), body);
      });
  });

  test('shows the error code and message when the store fails', async () => {
    // success and error_code pinned (the client and a UI branch on them), the message any text it shows.
    const body = { success: false, error_code: failure.error_code, message: string(failure.message) } satisfies Record<
      keyof CreditPacksFailure,
      unknown
    >;
    await pact
      .addInteraction()
      .given(STORE_DOWN)
      .uponReceiving('a request for the packs when the store fails')
      .withRequest('GET', '/credits/packs', (request) => request.headers({ Accept: 'application/json' }))
      .willRespondWith(500, (response) => response.jsonBody(body))
      .executeTest(async (mockServer) => {
        assert.deepEqual(await getCreditsPacks(mockServer), reify(body));
      });
  });

  test('the committed pact is the one these tests write', (t) => {
    assert.ok(existsSync(writtenPact), `Pact JS wrote no ${writtenPact}`);
    if (process.env.UPDATE_PACT === '1') {
      copyFileSync(writtenPact, committedPact);
      t.diagnostic(`wrote ${committedPact}; now run ${REGENERATE_STUBS} and commit both`);
      return;
    }
    const stale = staleness(committedPact, writtenPact);
    assert.equal(stale, undefined, stale);
  });
});

describe('comparing a committed pact with the one the tests write', () => {
  const written = () => JSON.parse(readFileSync(writtenPact, 'utf8')) as { metadata: Record<string, { version?: string }>; interactions: unknown[] };

  test("ignores the versions of Pact JS and its core in the metadata", () => {
    const other = written();
    other.metadata['pact-js'] = { version: '99.0.0' };
    other.metadata['pactRust'] = { ffi: '9.9.9', models: '9.9.9' } as never;
    assert.equal(firstDifference(contractOf(other), contractOf(written())), undefined);
  });

  test('names the first difference in the contract, the file and the commands that regenerate it', (t) => {
    const edited = written() as unknown as { interactions: { response: { status: number } }[] };
    edited.interactions[0]!.response.status = 201;
    const editedFile = join(pactDir, 'edited-for-the-test.json');
    t.after(() => rmSync(editedFile, { force: true }));
    writeFileSync(editedFile, JSON.stringify(edited, null, 2));

    const stale = staleness(editedFile, writtenPact);

    assert.ok(stale !== undefined);
    assert.equal(
      stale.split('\n').slice(1).join('\n'),
      [
        `First difference: $.interactions[0].response.status: committed as 201, written as ${statusOfFirst()}`,
        `Regenerate it with: ${REGENERATE}`,
        `then the stubs with: ${REGENERATE_STUBS}, and commit both.`,
      ].join('\n'),
    );
    assert.match(stale, new RegExp(`^${escaped(editedFile)} is stale: it is not the pact the consumer's tests write \\(${escaped(writtenPact)}\\)\\.`));
  });

  test('says so when the committed file is missing', () => {
    const stale = staleness(join(pactDir, 'no-such-pact.json'), writtenPact);
    assert.match(stale ?? '', /no-such-pact\.json cannot be read as a pact \(ENOENT[^)]*\)\.\nWrite it with: UPDATE_PACT=1 src\/consumers\/typescript\/run-tests\n/);
  });

  function statusOfFirst(): number {
    return (written().interactions[0] as { response: { status: number } }).response.status;
  }
});

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
