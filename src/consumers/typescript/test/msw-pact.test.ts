// A team that records what its MSW handlers answered as a pact (pact-msw-adapter, PactFlow's
// recorder for bi-directional contracts) checks that pact with the same helper: every recorded
// interaction is held to the contract of its request, in the state the handlers stand for.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import type { RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { setupPactMswAdapter } from '@pactflow/pact-msw-adapter';
import { CONTRACTS_VERSION, MockDriftError, assertPact, checkPact } from '@flashback/credit-packs-mock-check';
import { ApiClient } from '../src/api-client.js';
import { API, drifted, handlersByState } from './fixtures/msw-handlers.js';
import { FAIL_UNHANDLED } from './support/msw.js';

/** What pact-msw-adapter records of the client's request to the handlers, as the pact it would write. */
async function recordedPact(t: TestContext, handlers: RequestHandler[]): Promise<unknown> {
  const server = setupServer(...handlers);
  const adapter = setupPactMswAdapter({
    server: server as never,
    options: { consumer: 'web-app', providers: { 'credit-packs-api': ['/credits/'] }, timeout: 5_000, logger: quiet },
  });
  server.listen(FAIL_UNHANDLED);
  t.after(() => {
    adapter.clear();
    server.close();
  });
  adapter.newTest();
  await new ApiClient(API, { timeoutMs: 5_000 }).getCreditsPacks();
  await adapter.verifyTest();
  const pacts: unknown[] = [];
  await adapter.writeToFile((_path, pact) => pacts.push(pact));
  assert.equal(pacts.length, 1, 'pact-msw-adapter wrote no pact, or more than one');
  return pacts[0];
}

// The adapter logs every recorded call through the logger it is given.
const quiet = { log: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, groupCollapsed: () => undefined, groupEnd: () => undefined } as never;

describe('MSW handlers recorded as a pact by pact-msw-adapter, checked against the published contracts', () => {
  for (const [state, handlers] of Object.entries(handlersByState)) {
    test(`the pact recorded from the handlers for state ${state} honours its contract`, async (t) => {
      const pact = await recordedPact(t, handlers);

      const verdicts = checkPact(pact, { state });

      assert.deepEqual(verdicts.map(({ request, verdict }) => ({ request, ok: verdict.ok, problems: verdict.problems })), [
        { request: `GET /credits/packs ${state === 'storefailure' ? 500 : 200}`, ok: true, problems: [] },
      ]);
    });
  }

  test('a pact recorded from a handler answering price as a string fails, naming the interaction and $.data[0].price', async (t) => {
    const pact = (await recordedPact(t, drifted.priceAsString)) as { interactions: { description: string }[] };
    const description = pact.interactions[0]!.description;

    assert.throws(
      () => assertPact(pact, { state: 'available' }),
      (error: unknown) =>
        error instanceof MockDriftError
        && error.message
          === '1 of 1 interactions of the pact between web-app and credit-packs-api do not honour the published contracts:\n'
            + `  "${description}" (GET /credits/packs 200, contract shouldReturnActivePacks):\n`
            + '    $.data[0].price: expected a number, got the string "9.99"\n'
            + `(contracts of credit-packs-api ${CONTRACTS_VERSION})`,
    );
  });
});
