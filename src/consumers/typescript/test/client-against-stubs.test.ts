// The reference-style client against the published stubs, in every producer state the OpenAPI
// document names: the states these tests know with answers of their own, and any other the
// document names with its documented answer. The test switches the state through WireMock's
// scenario admin API; the client's request is the same in every state, as it would be against the
// real API.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { ApiClient } from '../src/api-client.js';
import type { GetCreditsPacksResponse } from '../src/credit-packs.js';
import {
  clearReceivedRequests,
  documentedAnswers,
  documentedBody,
  documentedStates,
  receivedRequests,
  stubsUrl,
  useProducerState,
} from './support/published-stubs.js';
import { PATIENCE_MS } from './support/patience.js';

const client = new ApiClient(stubsUrl, { timeoutMs: PATIENCE_MS });
/** Every state the document names, as WireMock's scenario reaches it. */
const STATES = documentedStates().map((documented) => documented.state);

describe('getCreditsPacks against the stubs', () => {
  beforeEach(() => useProducerState('available'));

  test('gets the catalog in the default state', async () => {
    assert.deepEqual(await client.getCreditsPacks(), documentedBody('available'));
  });

  test('gets only the active packs when retired packs exist', async () => {
    await useProducerState('retiredpacks');
    assert.deepEqual(await client.getCreditsPacks(), documentedBody('retiredpacks'));
  });

  test('gets an empty catalog when no pack is active', async () => {
    await useProducerState('noactivepacks');
    assert.deepEqual(await client.getCreditsPacks(), documentedBody('noactivepacks'));
  });

  test('gets the error envelope as data when the store fails', async () => {
    await useProducerState('storefailure');
    assert.deepEqual(await client.getCreditsPacks(), documentedBody('storefailure'));
  });

  test('gets the documented answer in every state the OpenAPI document names', async () => {
    for (const { state, example } of documentedStates()) {
      await useProducerState(state);
      assert.deepEqual(await client.getCreditsPacks(), documentedBody(example), `in state ${state}`);
    }
  });

  test('finds an example for each state the OpenAPI document names, and no other', () => {
    assert.deepEqual(
      documentedStates().map((documented) => documented.example).sort(),
      [...documentedAnswers().keys()].sort(),
    );
  });

  test('sends the reference request, unchanged, in every state', async () => {
    await clearReceivedRequests();
    for (const state of STATES) {
      await useProducerState(state);
      await client.getCreditsPacks();
    }
    const requests = await receivedRequests();
    assert.deepEqual(
      requests.map((request) => ({ method: request.method, url: request.url, accept: request.headers['accept'], body: request.body })),
      STATES.map(() => ({ method: 'GET', url: '/credits/packs', accept: 'application/json', body: '' })),
    );
  });

  test('gets the 500 envelope with ?simulate=internal-error in every state', async () => {
    for (const state of STATES) {
      await useProducerState(state);
      assert.deepEqual(
        await client.makeRequest<GetCreditsPacksResponse>('credits/packs?simulate=internal-error', 'GET', null),
        documentedBody('storefailure'),
        `in state ${state}`,
      );
    }
  });

  test('gives each of many concurrent callers the whole answer', async () => {
    const callers = 24;
    for (const state of ['available', 'storefailure'] as const) {
      await useProducerState(state);
      const answers = await Promise.all(Array.from({ length: callers }, () => client.getCreditsPacks()));
      assert.deepEqual(answers, Array(callers).fill(documentedBody(state)), `in state ${state}`);
    }
  });
});
