// Mocks other teams generate from the published document, as they generate them (run-tests runs
// the generators: orval 7.13.0 and msw-auto-mock 0.32.1 into src/generated/; @mswjs/source builds its
// handlers here): every answer they make must honour the published rules, and their MSW handlers
// must match requests in Node, where only an absolute URL (the document's server) can match.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { faker } from '@faker-js/faker';
import { setupServer } from 'msw/node';
import { FAIL_UNHANDLED } from './support/msw.js';
import type { RequestHandler } from 'msw';
import { fromOpenApi } from '@mswjs/source/open-api';
import * as orval from '../src/generated/orval/credit-packs.js';
import * as mswAutoMock from '../src/generated/msw-auto-mock/handlers.js';
import { ApiClient } from '../src/api-client.js';
import { documentedBody, openApiDocument } from './support/published-stubs.js';
import { PublishedRules, type DocumentedOperation } from './support/published-rules.js';
import { PATIENCE_MS } from './support/patience.js';

/** Answers drawn from each mock: faker draws lengths, strings and numbers anew each time. */
const DRAWS = 200;
const rules = new PublishedRules(openApiDocument);
const operations = rules.operations();

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Draws from a mock function, seeded so that a failure names a draw one can replay. */
function drawsProblems(operation: DocumentedOperation, status: number, mock: () => unknown): string[] {
  const problems: string[] = [];
  for (let draw = 0; draw < DRAWS && problems.length === 0; draw++) {
    faker.seed(draw);
    problems.push(...rules.problems(operation, status, mock()).map((problem) => `draw ${draw} (faker.seed(${draw})): ${problem}`));
  }
  return problems;
}

/** Listens with the handlers, failing any request none of them matches; stopped after the test. */
function listen(t: TestContext, handlers: RequestHandler[]): void {
  const server = setupServer(...handlers);
  server.listen(FAIL_UNHANDLED);
  t.after(() => server.close());
}

describe('mocks generated from the published document', () => {
  test('the document has operations with JSON answers to mock', () => {
    assert.ok(operations.length > 0);
    assert.ok(operations.every((operation) => operation.statuses.size > 0));
  });

  test("orval's mock answers honour the published rules, for every status it mocks", (t) => {
    const mocks = orval as unknown as Record<string, unknown>;
    for (const operation of operations) {
      const mocked = [...operation.statuses.keys()].filter(
        (status) => typeof mocks[`get${capitalized(operation.operationId)}ResponseMock${status}`] === 'function',
      );
      const success = Math.min(...operation.statuses.keys());
      assert.ok(mocked.includes(success), `orval made no mock of ${operation.method} ${operation.path} ${success}`);
      for (const status of mocked) {
        const mock = mocks[`get${capitalized(operation.operationId)}ResponseMock${status}`] as () => unknown;
        assert.deepEqual(drawsProblems(operation, status, mock), [], `${operation.method} ${operation.path} ${status}`);
      }
      t.diagnostic(`orval: ${operation.method} ${operation.path} mocked with ${mocked.join(', ')}, ${DRAWS} draws each`);
    }
  });

  test("msw-auto-mock's mock answers honour the published rules, for every documented status", (t) => {
    const mocks = mswAutoMock as unknown as Record<string, unknown>;
    for (const operation of operations) {
      for (const status of operation.statuses.keys()) {
        const name = `get${capitalized(operation.operationId)}${status}Response`;
        assert.equal(typeof mocks[name], 'function', `msw-auto-mock made no ${name}`);
        assert.deepEqual(drawsProblems(operation, status, mocks[name] as () => unknown), [], `${operation.method} ${operation.path} ${status}`);
      }
      t.diagnostic(`msw-auto-mock: ${operation.method} ${operation.path} mocked with ${[...operation.statuses.keys()].join(', ')}`);
    }
  });

  test("msw-auto-mock's handlers answer the reference-style client in Node at the document's server", async (t) => {
    listen(t, mswAutoMock.handlers as RequestHandler[]);
    const operation = operations.find((one) => one.operationId === 'getCreditsPacks')!;
    // The generated handler takes turns between the documented statuses.
    const answers = await Promise.all(
      [...operation.statuses.keys()].map(async () => {
        const response = await fetch(new URL('credits/packs', `${rules.serverUrl}/`), { signal: AbortSignal.timeout(PATIENCE_MS) });
        return { status: response.status, body: (await response.json()) as unknown };
      }),
    );
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [...operation.statuses.keys()].sort());
    for (const answer of answers) {
      assert.deepEqual(rules.problems(operation, answer.status, answer.body), []);
    }
    const packs = await new ApiClient(rules.serverUrl).getCreditsPacks();
    assert.deepEqual(rules.problems(operation, packs.success ? 200 : 500, packs), []);
  });

  test("orval's client and its MSW handlers meet at the document's server in Node", async (t) => {
    listen(t, [orval.getGetCreditsPacksMockHandler()]);
    const answer = await orval.getCreditsPacks({ signal: AbortSignal.timeout(PATIENCE_MS) });
    assert.equal(answer.status, 200);
    assert.deepEqual(rules.problems(operations.find((one) => one.operationId === 'getCreditsPacks')!, 200, answer.data), []);
  });

  test("@mswjs/source's handlers (MSW's fromOpenApi) answer the default state's example at the document's server", async (t) => {
    listen(t, await fromOpenApi(rules.document as unknown as Parameters<typeof fromOpenApi>[0]));
    const response = await fetch(`${rules.serverUrl}/credits/packs`, { signal: AbortSignal.timeout(PATIENCE_MS) });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), documentedBody('available'));
  });
});
