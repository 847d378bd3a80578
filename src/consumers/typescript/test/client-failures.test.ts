// What the client does with answers the API never gives: each is an ApiRequestError that names the
// request, and none of them hangs or reads without bound.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ServerResponse } from 'node:http';
import { ApiClient } from '../src/api-client.js';
import { stubsUrl } from './support/published-stubs.js';
import { closedPort, startLocalServer, type LocalServer } from './support/local-server.js';
import { PATIENCE_MS } from './support/patience.js';

/** The client's bound in the tests of a server that never answers: any bound ends those the same way. */
const TIMEOUT_MS = 300;
const MAX_RESPONSE_BYTES = 1024;

/** The answer each path of the misbehaving server gives (the path is the client's base URL). */
const ANSWERS: Record<string, (response: ServerResponse) => void> = {
  '/silent/credits/packs': () => undefined,
  '/stalling/credits/packs': (response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.write('{"success":true,"data":[');
  },
  '/oversized/credits/packs': (response) => {
    const body = `{"success":true,"data":[],"pad":"${'x'.repeat(MAX_RESPONSE_BYTES)}"}`;
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }).end(body);
  },
  '/endless/credits/packs': (response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.write('{"success":true,"data":[');
    const chunk = `${JSON.stringify({ id: 'pack', name: 'Pack', code: 'PACK', credits: 1, price: 1 })},`.repeat(20);
    const timer = setInterval(() => response.write(chunk), 5);
    response.on('close', () => clearInterval(timer));
  },
  '/html/credits/packs': (response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Maintenance</body></html>');
  },
  '/not-an-envelope/credits/packs': (response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' }).end('[{"id":"pack-1"}]');
  },
  '/not-found/credits/packs': (response) => {
    response
      .writeHead(404, { 'Content-Type': 'application/json' })
      .end('{"success":false,"error_code":"NOT_FOUND","message":"No such path"}');
  },
};

describe('getCreditsPacks when the answer is not one the API documents', () => {
  let server: LocalServer;
  before(async () => {
    server = await startLocalServer((request, response) => {
      const answer = ANSWERS[request.url ?? ''];
      if (answer === undefined) {
        response.writeHead(400).end();
      } else {
        answer(response);
      }
    });
  });
  after(() => server.close());

  // Only a server that never answers meets the short bound. The others answer, and a busy machine
  // must not turn their answer into a timeout: they get the patient bound.
  const client = (path: string, timeoutMs = PATIENCE_MS) =>
    new ApiClient(new URL(path, server.url).href, { timeoutMs, maxResponseBytes: MAX_RESPONSE_BYTES });
  const endpoint = (path: string) => new URL(`${path}/credits/packs`, server.url).href;

  test('names the URL when nothing listens', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/credits/packs`;
    await assert.rejects(new ApiClient(`http://127.0.0.1:${port}`).getCreditsPacks(), {
      name: 'ApiRequestError',
      url,
      status: undefined,
      message: `GET ${url} failed: connect ECONNREFUSED 127.0.0.1:${port}`,
    });
  });

  for (const [path, when] of [
    ['silent', 'the server never answers'],
    ['stalling', 'the body stalls after the headers'],
  ] as const) {
    test(`times out when ${when}`, async () => {
      await assert.rejects(client(`${path}/`, TIMEOUT_MS).getCreditsPacks(), {
        name: 'ApiRequestError',
        url: endpoint(path),
        status: undefined,
        message: `GET ${endpoint(path)} timed out after ${TIMEOUT_MS} ms`,
      });
    });
  }

  for (const path of ['oversized', 'endless']) {
    test(`stops reading past the size cap (${path} body)`, async () => {
      await assert.rejects(client(`${path}/`).getCreditsPacks(), {
        name: 'ApiRequestError',
        url: endpoint(path),
        status: 200,
        message: `GET ${endpoint(path)} answered more than ${MAX_RESPONSE_BYTES} bytes`,
      });
    });
  }

  test('rejects an answer that is not JSON', async () => {
    await assert.rejects(client('html/').getCreditsPacks(), {
      name: 'ApiRequestError',
      url: endpoint('html'),
      status: 200,
      message: `GET ${endpoint('html')} answered 200 (text/html) with a body that is not JSON: "<html><body>Maintenance</body></html>"`,
    });
  });

  test("rejects JSON that is not the API's envelope", async () => {
    await assert.rejects(client('not-an-envelope/').getCreditsPacks(), {
      name: 'ApiRequestError',
      url: endpoint('not-an-envelope'),
      status: 200,
      message: `GET ${endpoint('not-an-envelope')} answered 200 (application/json) with JSON that is not the API's envelope: "[{\\"id\\":\\"pack-1\\"}]"`,
    });
  });

  test('rejects an error status the API does not document, with its envelope', async () => {
    await assert.rejects(client('not-found/').getCreditsPacks(), {
      name: 'ApiRequestError',
      url: endpoint('not-found'),
      status: 404,
      message: `GET ${endpoint('not-found')} answered 404 (application/json), which the API does not document (NOT_FOUND: No such path)`,
    });
  });

  test("rejects the stub server's near-miss report for a wrong base URL", async () => {
    const url = new URL('v2/credits/packs', stubsUrl).href;
    await assert.rejects(new ApiClient(new URL('v2/', stubsUrl).href).getCreditsPacks(), (error: Error & { url?: string; status?: number }) => {
      assert.equal(error.name, 'ApiRequestError');
      assert.equal(error.url, url);
      assert.equal(error.status, 404);
      assert.match(error.message, new RegExp(`^GET ${url} answered 404 \\(.*\\) with a body that is not JSON: ".*Request was not matched`));
      return true;
    });
  });
});
