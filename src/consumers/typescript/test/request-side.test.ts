// The request side of the published document, with the generators a TypeScript team runs: the
// document of the contract tools' request-side test endpoints (test/fixtures/, kept equal to what
// the publisher makes of them by OpenApiRequestSideTest): POST /credits/packs/buy with a JSON body,
// GET and DELETE /accounts/{id} from a path pattern, with query parameters and a header. openapi-fetch
// typed by openapi-typescript must require what the stubs require (checked by tsc below), build
// requests the document accepts, and reach MSW handlers made from the document (@mswjs/source) at
// the document's server, in Node.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import createClient from 'openapi-fetch';
import { setupServer } from 'msw/node';
import { FAIL_UNHANDLED } from './support/msw.js';
import { fromOpenApi } from '@mswjs/source/open-api';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import type { paths } from '../src/generated/request-side.js';
import { PATIENCE_MS } from './support/patience.js';

const FIXTURE = fileURLToPath(new URL('../../test/fixtures/openapi-request-side.yaml', import.meta.url));

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: object;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: object; examples: Record<string, { value: unknown }> }> };
  responses: Record<string, { content?: Record<string, { examples: Record<string, { value: unknown }> }> }>;
}
const document = parse(readFileSync(FIXTURE, 'utf8')) as { servers: { url: string }[]; paths: Record<string, Record<string, Operation>> };
const serverUrl = document.servers[0]!.url;
// openapi-fetch keeps the fetch it finds when created; MSW replaces the global one when it listens.
const client = createClient<paths>({ baseUrl: serverUrl, fetch: (request) => globalThis.fetch(request) });
const ajv = new Ajv2020({ allErrors: true, strict: false });

/**
 * Never called: type-checked only. Each directive holds because the document requires what the
 * stubs match on; were a body, a path parameter, a required query parameter or header not in the
 * document, or a pinned value not pinned, the call would compile and tsc would fail the build.
 */
export function theTypesRequireWhatTheStubsMatchOn(): Promise<unknown>[] {
  return [
    // @ts-expect-error the stubs match a body: POST /credits/packs/buy requires one
    client.POST('/credits/packs/buy', {}),
    // @ts-expect-error packId is a string
    client.POST('/credits/packs/buy', { body: { packId: 1 } }),
    // @ts-expect-error the account's number is a path parameter
    client.GET('/accounts/{id}', { params: { query: { view: 'summary' }, header: { 'X-Api-Key': 'key12345' } } }),
    // @ts-expect-error view is pinned to summary by every state's stub
    client.GET('/accounts/{id}', { params: { path: { id: '42' }, query: { view: 'full' }, header: { 'X-Api-Key': 'key12345' } } }),
    // @ts-expect-error every state's stub matches the X-Api-Key header
    client.GET('/accounts/{id}', { params: { path: { id: '42' }, query: { view: 'summary' } } }),
    // @ts-expect-error closing an account needs its number
    client.DELETE('/accounts/{id}', {}),
  ];
}

interface SentRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

/**
 * MSW's handlers from the document, at its server, failing any request none of them matches; resolves
 * with the requests they saw. (Each body is read as it arrives: MSW does not wait for its listeners.)
 */
async function mockedFromTheDocument(t: TestContext): Promise<() => Promise<SentRequest[]>> {
  const server = setupServer(...(await fromOpenApi(document as unknown as Parameters<typeof fromOpenApi>[0])));
  const sent: Promise<SentRequest>[] = [];
  server.events.on('request:start', ({ request }) => {
    sent.push(request.clone().text().then((body) => ({ method: request.method, url: new URL(request.url), headers: request.headers, body })));
  });
  server.listen(FAIL_UNHANDLED);
  t.after(() => server.close());
  return () => Promise.all(sent);
}

/** What the document's description of the operation finds wrong with a request: parameters, then the body. */
function requestProblems(template: string, request: SentRequest): string[] {
  const operation = document.paths[template]?.[request.method.toLowerCase()];
  if (operation === undefined) {
    return [`${request.method} ${template} is not in the document`];
  }
  const segments = request.url.pathname.split('/');
  const templateSegments = template.split('/');
  const problems: string[] = [];
  for (const parameter of operation.parameters ?? []) {
    const value =
      parameter.in === 'path'
        ? segments[templateSegments.indexOf(`{${parameter.name}}`)]
        : parameter.in === 'query'
          ? request.url.searchParams.get(parameter.name)
          : request.headers.get(parameter.name);
    if (value === null || value === undefined) {
      if (parameter.required) {
        problems.push(`${parameter.in} parameter ${parameter.name} is required and was not sent`);
      }
      continue;
    }
    const validate = ajv.compile(parameter.schema);
    if (!validate(value)) {
      problems.push(`${parameter.in} parameter ${parameter.name} "${value}": ${ajv.errorsText(validate.errors)}`);
    }
  }
  const body = operation.requestBody;
  if (body !== undefined) {
    const media = body.content[request.headers.get('content-type')?.split(';')[0] ?? ''];
    if (request.body === '') {
      if (body.required) {
        problems.push('the body is required and none was sent');
      }
    } else if (media === undefined) {
      problems.push(`the body's type ${request.headers.get('content-type')} is not documented`);
    } else {
      const validate = ajv.compile(media.schema);
      if (!validate(JSON.parse(request.body))) {
        problems.push(`body: ${ajv.errorsText(validate.errors)}`);
      }
    }
  }
  return problems;
}

function example(template: string, method: string, status: number, name: string): unknown {
  return document.paths[template]![method]!.responses[String(status)]!.content!['application/json']!.examples[name]!.value;
}

describe('the request side of the document, with openapi-fetch and MSW', () => {
  test('buys a pack with a typed JSON body the document accepts, answered at the document server', async (t) => {
    const received = await mockedFromTheDocument(t);
    const { data, response } = await client.POST('/credits/packs/buy', {
      body: { packId: 'pack-1' },
      signal: AbortSignal.timeout(PATIENCE_MS),
    });
    assert.equal(response.status, 200);
    assert.deepEqual(data, example('/credits/packs/buy', 'post', 200, 'available'));
    const sent = await received();
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.url.href, `${serverUrl}/credits/packs/buy`);
    assert.deepEqual(requestProblems('/credits/packs/buy', sent[0]!), []);
  });

  test('a body outside the request rules is one the document refuses', () => {
    assert.deepEqual(
      requestProblems('/credits/packs/buy', {
        method: 'POST',
        url: new URL(`${serverUrl}/credits/packs/buy`),
        headers: new Headers({ 'Content-Type': 'application/json' }),
        body: JSON.stringify({ packId: 'gold' }),
      }),
      ['body: data/packId must match pattern "^(?:pack-[0-9]+)(?![\\s\\S])"'],
    );
  });

  test('gets an account through the path template, with the query parameters and header the stubs match on', async (t) => {
    const received = await mockedFromTheDocument(t);
    const { data, response } = await client.GET('/accounts/{id}', {
      params: { path: { id: '42' }, query: { view: 'summary', currency: 'USD' }, header: { 'X-Api-Key': 'key12345' } },
      signal: AbortSignal.timeout(PATIENCE_MS),
    });
    assert.equal(response.status, 200);
    assert.deepEqual(data, example('/accounts/{id}', 'get', 200, 'active'));
    const sent = await received();
    assert.equal(sent[0]!.url.pathname, '/accounts/42');
    assert.deepEqual(Object.fromEntries(sent[0]!.url.searchParams), { view: 'summary', currency: 'USD' });
    assert.deepEqual(requestProblems('/accounts/{id}', sent[0]!), []);
  });

  test('a path, a parameter or a header the stubs would not match is one the document refuses', () => {
    assert.deepEqual(
      requestProblems('/accounts/{id}', {
        method: 'GET',
        url: new URL(`${serverUrl}/accounts/forty-two?view=full&currency=usd`),
        headers: new Headers(),
        body: '',
      }),
      [
        'path parameter id "forty-two": data must match pattern "^(?:[0-9]+)$"',
        'query parameter currency "usd": data must match pattern "^(?:[A-Z]{3})$"',
        'query parameter view "full": data must be equal to one of the allowed values',
        'header parameter X-Api-Key is required and was not sent',
      ],
    );
  });

  test('closes an account: a second method on the same path, matched at the document server', async (t) => {
    const received = await mockedFromTheDocument(t);
    await client.DELETE('/accounts/{id}', { params: { path: { id: '42' } }, signal: AbortSignal.timeout(PATIENCE_MS) });
    const sent = await received();
    assert.deepEqual(sent.map((request) => `${request.method} ${request.url.href}`), [`DELETE ${serverUrl}/accounts/42`]);
    assert.deepEqual(requestProblems('/accounts/{id}', sent[0]!), []);
    // @mswjs/source answers a 200 (or default) response unless ?response=<status> names another.
    const closed = await fetch(`${serverUrl}/accounts/42?response=204`, { method: 'DELETE', signal: AbortSignal.timeout(PATIENCE_MS) });
    assert.equal(closed.status, 204);
  });
});
