// What the tests know about the published stubs: where the stub server runs, how to put it in a
// producer state, and the expected bodies, read from the OpenAPI document's examples (the one
// place each value is written) rather than typed again here.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { PATIENCE_MS } from './patience.js';

const SCENARIO = 'credit-packs';

/**
 * The producer states the tests hold to answers of their own (an empty catalog, an error envelope):
 * the OpenAPI document may name more, which the tests exercise through documentedStates().
 */
export type ProducerState = 'available' | 'noactivepacks' | 'retiredpacks' | 'storefailure';

export interface DocumentedAnswer {
  status: number;
  body: unknown;
}

/** A producer state the stubs reproduce, as the document's x-stub-states lists it. */
export interface DocumentedState {
  state: string;
  /** WireMock's name for it in the scenario: Started for the state the stubs start in. */
  scenarioState: string;
  status: number;
  /** The name of its example among the responses' examples. */
  example: string;
  contract: string;
}

function required(variable: string): string {
  const value = process.env[variable];
  if (!value) {
    throw new Error(`${variable} is not set: run these tests through src/consumers/typescript/run-tests`);
  }
  return value;
}

/** The stub server's base URL, e.g. http://localhost:8090/ (run-tests starts it). */
export const stubsUrl = required('STUBS_URL');

/** The OpenAPI document the types were generated from. */
export const openApiDocument = required('OPENAPI_DOCUMENT');

/** Every state of GET /credits/packs the document names, the one the stubs start in first. */
export function documentedStates(): DocumentedState[] {
  const document = parse(readFileSync(openApiDocument, 'utf8'));
  const stubStates: { scenario: string; states: DocumentedState[] } = document.paths['/credits/packs'].get['x-stub-states'];
  if (stubStates?.scenario !== SCENARIO || !(stubStates.states?.length > 0)) {
    throw new Error(`${openApiDocument} names no state of GET /credits/packs in the WireMock scenario '${SCENARIO}' (x-stub-states)`);
  }
  return stubStates.states;
}

/** Every example of GET /credits/packs in the document, by name, with the status it is listed under. */
export function documentedAnswers(): Map<string, DocumentedAnswer> {
  const document = parse(readFileSync(openApiDocument, 'utf8'));
  const responses: Record<string, { content: Record<string, { examples?: Record<string, { value: unknown }> }> }> =
    document.paths['/credits/packs'].get.responses;
  const answers = new Map<string, DocumentedAnswer>();
  for (const [status, response] of Object.entries(responses)) {
    for (const [name, example] of Object.entries(response.content['application/json']?.examples ?? {})) {
      answers.set(name, { status: Number(status), body: example.value });
    }
  }
  return answers;
}

/** The body the document gives for a producer state; fails the test when it names no such example. */
export function documentedBody(state: string): unknown {
  const answer = documentedAnswers().get(state);
  if (answer === undefined) {
    throw new Error(`${openApiDocument} has no example named '${state}' for GET /credits/packs`);
  }
  return answer.body;
}

async function admin(method: string, path: string, body?: unknown): Promise<Response> {
  const url = new URL(`__admin/${path}`, stubsUrl);
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
    signal: AbortSignal.timeout(PATIENCE_MS),
  });
  if (!response.ok) {
    throw new Error(`${method} ${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
  return response;
}

/**
 * Puts the stubs in a producer state, as an end-to-end test does: through WireMock's scenario
 * admin API, so the consumer's own request stays exactly the same in every state.
 */
export async function useProducerState(state: string): Promise<void> {
  // The state the stubs start in is WireMock's initial scenario state, Started, which a reset returns to.
  await admin('POST', 'scenarios/reset');
  if (documentedStates().find((documented) => documented.state === state)?.scenarioState !== 'Started') {
    await admin('PUT', `scenarios/${SCENARIO}/state`, { state }).catch((error: Error) => {
      throw new Error(`The stubs have no '${state}' state in the WireMock scenario '${SCENARIO}': ${error.message}`);
    });
  }
}

export interface RecordedRequest {
  method: string;
  url: string;
  /** By lower-case name: clients differ in the case they send. */
  headers: Record<string, string>;
  body: string;
}

/** Forgets the requests the stub server has received so far. */
export async function clearReceivedRequests(): Promise<void> {
  await admin('DELETE', 'requests');
}

/** The requests the stub server received since the last clear, oldest first. */
export async function receivedRequests(): Promise<RecordedRequest[]> {
  const journal = (await (await admin('GET', 'requests')).json()) as { requests: { request: RecordedRequest }[] };
  return journal.requests
    .map(({ request }) => ({
      ...request,
      headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value])),
    }))
    .reverse();
}
