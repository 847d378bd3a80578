// The typed client a TypeScript team writes in two lines from the published document: openapi-fetch
// over the types openapi-typescript generates, against the stub server in each producer state. Its
// types hold what the API takes and nothing the stubs alone know: the selector `simulate` is no
// parameter of GET /credits/packs, which the compile below checks (run-tests fails on a tsc error).
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import createClient from 'openapi-fetch';
import type { paths } from '../src/generated/openapi.js';
import { documentedBody, openApiDocument, stubsUrl, useProducerState } from './support/published-stubs.js';
import { PublishedRules } from './support/published-rules.js';
import { PATIENCE_MS } from './support/patience.js';

const client = createClient<paths>({ baseUrl: stubsUrl.replace(/\/$/, '') });

/**
 * Never called: type-checked only. If the document listed the stubs' selector among the API's
 * parameters, the call would compile, the directive would be unused, and tsc would fail the build.
 */
export function selectorIsNoParameterOfTheApi(): Promise<unknown> {
  // @ts-expect-error simulate is a stub-only selector, not a query parameter of GET /credits/packs
  return client.GET('/credits/packs', { params: { query: { simulate: 'internal-error' } } });
}

async function getPacks() {
  return client.GET('/credits/packs', { signal: AbortSignal.timeout(PATIENCE_MS) });
}

describe('openapi-fetch typed from the published document, against the stubs', () => {
  beforeEach(() => useProducerState('available'));

  test('gets the catalog as typed data in the default state', async () => {
    const { data, error, response } = await getPacks();
    assert.equal(response.status, 200);
    assert.equal(error, undefined);
    assert.deepEqual(data, documentedBody('available'));
    // Typed fields, no casts: a renamed or retyped field in the contracts is a compile error here.
    const prices: number[] = data?.data.map((pack) => pack.price) ?? [];
    assert.deepEqual(prices, [19.99, 49.99, 99.99]);
  });

  test('gets the empty catalog when no pack is active', async () => {
    await useProducerState('noactivepacks');
    const { data, response } = await getPacks();
    assert.equal(response.status, 200);
    assert.deepEqual(data, documentedBody('noactivepacks'));
  });

  test('gets the 500 envelope as the typed error when the store fails', async () => {
    await useProducerState('storefailure');
    const { data, error, response } = await getPacks();
    assert.equal(response.status, 500);
    assert.equal(data, undefined);
    assert.deepEqual(error, documentedBody('storefailure'));
    // The pinned error code is a literal type: comparing it with anything else would not compile.
    const code: 'INTERNAL_ERROR' | undefined = error?.error_code;
    assert.equal(code, 'INTERNAL_ERROR');
  });

  test('reaches the stub-only selector outside the API, where the document names it beside the operation', async () => {
    const rules = new PublishedRules(openApiDocument);
    const operation = rules.document.paths['/credits/packs']!['get']!;
    assert.equal(operation['parameters'], undefined, 'GET /credits/packs takes no parameter');
    assert.deepEqual(
      (operation['x-stub-selectors'] as { name: string; in: string; answers: { value: string; status: number }[] }[]).map(
        (selector) => ({ name: selector.name, in: selector.in, answers: selector.answers.map(({ value, status }) => ({ value, status })) }),
      ),
      [{ name: 'simulate', in: 'query', answers: [{ value: 'internal-error', status: 500 }] }],
    );
    const response = await fetch(new URL('credits/packs?simulate=internal-error', stubsUrl), {
      signal: AbortSignal.timeout(PATIENCE_MS),
    });
    assert.equal(response.status, 500);
    assert.deepEqual(await response.json(), documentedBody('storefailure'));
  });
});
