// A front-end team's own MSW handlers (test/fixtures/msw-handlers.ts) held to the published
// contracts with the helper the build packs from the stubs, @flashback/credit-packs-mock-check,
// installed by run-tests from its npm tarball as a team installs it: every handler a team keeps
// honours the contract of the state it stands for, and each kind of drift fails naming the JSON
// path, what the contract expects and what the mock answers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getResponse, type RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { FAIL_UNHANDLED } from './support/msw.js';
import {
  CONTRACTS_VERSION,
  MockDriftError,
  assertMockedResponse,
  checkMockedResponse,
  publishedContracts,
} from '@flashback/credit-packs-mock-check';
import { ApiClient } from '../src/api-client.js';
import { API, drifted, handlersByState } from './fixtures/msw-handlers.js';
import { documentedStates } from './support/published-stubs.js';

const PACKS = `${API}/credits/packs`;

function request(): Request {
  return new Request(PACKS, { headers: { Accept: 'application/json' } });
}

/** What the handlers answer the client's request with, as MSW resolves it. */
async function answerOf(handlers: RequestHandler[]): Promise<Response> {
  const response = await getResponse(handlers, request());
  assert.ok(response !== undefined, `no handler answers GET ${PACKS}`);
  return response;
}

/** The message of the MockDriftError the handlers' answer raises. */
async function driftOf(handlers: RequestHandler[], options: { state?: string; consumer?: string }): Promise<string> {
  const error = await assertMockedResponse(request(), await answerOf(handlers), options).then(
    () => assert.fail('the drifted handler passed'),
    (error: unknown) => error,
  );
  assert.ok(error instanceof MockDriftError, String(error));
  return error.message;
}

const footer = `(contracts of credit-packs-api ${CONTRACTS_VERSION})`;

/** The states of the package's public contracts, each once, in the package's order. */
function publicStates(): string[] {
  return [...new Set(publishedContracts().filter((contract) => contract.consumer === undefined).map((contract) => contract.state))];
}

describe("a front-end team's MSW handlers, held to the published contracts (@flashback/credit-packs-mock-check)", () => {
  test('the package holds the public contracts of every state, and each consumer\'s own', () => {
    const contracts = publishedContracts();
    assert.deepEqual(
      contracts.filter((contract) => contract.consumer === undefined).map((contract) => `${contract.state} ${contract.status} ${contract.contract}`).sort(),
      documentedStates().map((documented) => `${documented.state} ${documented.status} ${documented.contract}`).sort(),
    );
    assert.ok(contracts.some((contract) => contract.consumer === 'typescript-client'));
  });

  for (const [state, handlers] of Object.entries(handlersByState)) {
    test(`the handlers for state ${state} honour its contract`, async () => {
      const verdict = await checkMockedResponse(request(), await answerOf(handlers), { state });

      assert.deepEqual(verdict.problems, []);
      assert.equal(verdict.ok, true);
      assert.equal(verdict.contract?.state, state);
    });
  }

  test('and the client under test gets what they mock, through MSW in Node', async (t) => {
    const server = setupServer(...handlersByState.available);
    server.listen(FAIL_UNHANDLED);
    t.after(() => server.close());

    const packs = await new ApiClient(API).getCreditsPacks();

    assert.equal(packs.success, true);
    await assertMockedResponse(request(), Response.json(packs), { state: 'available' });
  });

  test('a handler answering price as a string fails, naming $.data[0].price', async () => {
    assert.equal(
      await driftOf(drifted.priceAsString, { state: 'available' }),
      'The mocked answer to GET /credits/packs (200, state available) breaks the contract shouldReturnActivePacks'
        + ' (rules/credits/packs/available/shouldReturnActivePacks.schema.json):\n'
        + '  $.data[0].price: expected a number, got the string "9.99"\n'
        + footer,
    );
  });

  test('without a state, a drifted answer fails against every contract that answers its status', async () => {
    const message = await driftOf(drifted.priceAsString, {});

    assert.match(message, /^The mocked answer to GET \/credits\/packs \(200\) does not honour the published contracts:\n/);
    assert.match(message, /^ {2}in state available \(shouldReturnActivePacks\): \$\.data\[0\]\.price: expected a number, got the string "9\.99"$/m);
    assert.match(message, /^ {2}in state noactivepacks \(shouldReturnNoPacksWhenNoneIsActive\): \$\.data: expected an empty array, got an array of 2 /m);
    assert.match(message, /^ {2}in state retiredpacks \(shouldNeverReturnInactiveOrDeletedPacks\): /m);
    assert.doesNotMatch(message, /storefailure/);
  });

  test('a renamed field fails, naming the field the contract requires and the fields the mock has', async () => {
    assert.match(
      await driftOf(drifted.creditsRenamed, { state: 'available' }),
      /^ {2}\$\.data\[0\]\.credits: expected a value \(the field is required\), got no such field \(fields: id, name, code, amount, price\)$/m,
    );
  });

  test('an answer that is not JSON by its content type fails, naming the header', async () => {
    assert.match(
      await driftOf(drifted.notJsonContentType, { state: 'available' }),
      /^ {2}header Content-Type: expected a value matching application\/json\.\*, got "text\/plain;charset=UTF-8"$/m,
    );
  });

  test('a status the contracts never answer fails, listing the ones they do', async () => {
    assert.equal(
      await driftOf(drifted.notFound, { state: 'available' }),
      'The mocked answer to GET /credits/packs (404, state available) does not honour the published contracts:\n'
        + '  GET /credits/packs: the public contracts never answer 404 in state available; they answer 200 in state available\n'
        + footer,
    );
  });

  test('a state the producer does not have fails, listing its states', async () => {
    assert.equal(
      await driftOf(handlersByState.noactivepacks, { state: 'soldout' }),
      'The mocked answer to GET /credits/packs (200, state soldout) does not honour the published contracts:\n'
        + `  GET /credits/packs: no state "soldout" in the public contracts; its states are ${publicStates().join(', ')}\n`
        + footer,
    );
  });

  test("a consumer's own contracts hold it to what it relies on only: any message on a store failure", async () => {
    assert.match(await driftOf(drifted.friendlierMessage, { state: 'storefailure' }), /^ {2}\$\.message: expected exactly "Failed to retrieve credit packs", got the string "Something went wrong"$/m);

    const verdict = await checkMockedResponse(request(), await answerOf(drifted.friendlierMessage), { state: 'storefailure', consumer: 'typescript-client' });

    assert.deepEqual(verdict.problems, []);
    assert.equal(verdict.contract?.contract, 'a request for the packs when the store fails');
  });
});
