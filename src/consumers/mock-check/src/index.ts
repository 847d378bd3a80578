// Checks a front end's own mock of the API (an MSW handler's answer, a fetch mock, a fixture)
// against the contracts the API publishes: the response rules (JSON Schema 2020-12) and the required
// headers of the contract for its endpoint, producer state and status, packed into this package by
// its build from the published stubs. A mock that drifts from the contract fails naming the JSON
// path, what the contract expects and what the mock answers.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { PUBLISHED, type PublishedContract } from './published.js';

export type { PublishedContract } from './published.js';

/** A mocked answer to one request. */
export interface MockedAnswer {
  /** The request's method, e.g. 'GET'. */
  method: string;
  /** The request's path ('/credits/packs') or its whole URL (its path is taken). */
  path: string;
  /** The status the mock answers with. */
  status: number;
  /** The body the mock answers with: parsed JSON, or the text when it is not JSON. */
  body: unknown;
  /** The mock's response headers; when given, the headers the contract requires are checked. */
  headers?: Record<string, string> | Headers;
  /**
   * The producer state the mock stands for ('available', 'noactivepacks', ...). Without one, the
   * answer must honour the contract of some state that answers with its status.
   */
  state?: string;
  /** A consumer's own contracts (contracts/consumers/<consumer>/) instead of the public ones. */
  consumer?: string;
}

/** Whether a mocked answer honours the contracts, and what is wrong with it when it does not. */
export interface Verdict {
  ok: boolean;
  /** The contract that accepts the answer (ok), or the one it was held to (a single candidate). */
  contract?: PublishedContract;
  /** One line per problem: `$.data[0].price: expected a number, got the string "19.99"`. */
  problems: string[];
}

/** A mock that does not honour the published contracts; the message says where and how. */
export class MockDriftError extends Error {
  override readonly name = 'MockDriftError';

  constructor(readonly verdict: Verdict, message: string) {
    super(message);
  }
}

/** The version of the contracts this package was built from (the producer's version). */
export const CONTRACTS_VERSION: string = PUBLISHED.version;

/** Every published contract this package holds mocks to, public and consumers' own. */
export function publishedContracts(): readonly PublishedContract[] {
  return PUBLISHED.contracts;
}

// The rules carry keywords Ajv's strict mode questions ($comment, titles): validation is wanted, not linting.
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validators = new Map<PublishedContract, ValidateFunction>();

/** Checks a mocked answer against the contract for its endpoint, state and status. */
export function checkMockedAnswer(answer: MockedAnswer): Verdict {
  const method = answer.method.toUpperCase();
  const path = pathOf(answer.path);
  const request = `${method} ${path}`;
  const scope = answer.consumer === undefined ? 'the public contracts' : `the contracts of ${answer.consumer}`;
  const ofScope = PUBLISHED.contracts.filter((contract) => contract.consumer === answer.consumer);
  if (answer.consumer !== undefined && ofScope.length === 0) {
    return failed(`no consumer ${answer.consumer} has contracts of its own; consumers with contracts: ${list(consumers())}`);
  }
  const ofEndpoint = ofScope.filter((contract) => contract.method === method && matchesPath(contract, path));
  if (ofEndpoint.length === 0) {
    return failed(`${request}: no endpoint of ${scope}; they describe ${list(endpoints(ofScope))}`);
  }
  const states = [...new Set(ofEndpoint.map((contract) => contract.state))];
  if (answer.state !== undefined && !states.includes(answer.state)) {
    return failed(`${request}: no state ${JSON.stringify(answer.state)} in ${scope}; its states are ${list(states)}`);
  }
  const inState = ofEndpoint.filter((contract) => answer.state === undefined || contract.state === answer.state);
  const candidates = inState.filter((contract) => contract.status === answer.status);
  if (candidates.length === 0) {
    const answers = inState.map((contract) => `${contract.status} in state ${contract.state}`);
    return failed(`${request}: ${scope} never answer ${answer.status}${answer.state === undefined ? '' : ` in state ${answer.state}`};`
      + ` they answer ${list([...new Set(answers)])}`);
  }
  const judged = candidates.map((contract) => ({ contract, problems: problemsWith(contract, answer) }));
  const accepted = judged.find((one) => one.problems.length === 0);
  if (accepted !== undefined) {
    return { ok: true, contract: accepted.contract, problems: [] };
  }
  if (judged.length === 1) {
    return { ok: false, contract: judged[0]!.contract, problems: judged[0]!.problems };
  }
  return {
    ok: false,
    problems: judged.flatMap(({ contract, problems }) => problems.map((problem) => `in state ${contract.state} (${contract.contract}): ${problem}`)),
  };
}

/** As checkMockedAnswer, throwing a MockDriftError that names the request, the contract and each problem. */
export function assertMockedAnswer(answer: MockedAnswer): void {
  const verdict = checkMockedAnswer(answer);
  if (verdict.ok) {
    return;
  }
  const request = `${answer.method.toUpperCase()} ${pathOf(answer.path)}`;
  const as = `${answer.status}${answer.state === undefined ? '' : `, state ${answer.state}`}${answer.consumer === undefined ? '' : `, consumer ${answer.consumer}`}`;
  const against = verdict.contract === undefined
    ? 'does not honour the published contracts'
    : `breaks the contract ${verdict.contract.contract} (${verdict.contract.rulesFile ?? 'its status and headers'})`;
  throw new MockDriftError(
    verdict,
    `The mocked answer to ${request} (${as}) ${against}:\n${verdict.problems.map((problem) => `  ${problem}`).join('\n')}\n`
      + `(contracts of credit-packs-api ${CONTRACTS_VERSION})`,
  );
}

/** A request as MSW hands it to a handler, or as a test sends it: a Request, a URL, or a method and a URL. */
export type MockedRequest = Request | { method: string; url: string };

/** Checks a mocked fetch Response (what an MSW handler returns) to a request. The response is cloned, not consumed. */
export async function checkMockedResponse(
  request: MockedRequest,
  response: Response,
  options: { state?: string; consumer?: string } = {},
): Promise<Verdict> {
  return checkMockedAnswer(await answerOf(request, response, options));
}

/** As checkMockedResponse, rejecting with a MockDriftError that names the request, the contract and each problem. */
export async function assertMockedResponse(
  request: MockedRequest,
  response: Response,
  options: { state?: string; consumer?: string } = {},
): Promise<void> {
  assertMockedAnswer(await answerOf(request, response, options));
}

/** One interaction of a pact, and what the contracts say of its response. */
export interface InteractionVerdict {
  description: string;
  /** The interaction's request and status, as `GET /credits/packs 200`. */
  request: string;
  verdict: Verdict;
}

/**
 * Checks every HTTP interaction of a pact (specification 2 to 4, as Pact JS, pact-jvm or
 * pact-msw-adapter write one) as a mocked answer: its response held to the contract of its request,
 * in the provider state it names (or `options.state`; none: any state answering its status).
 */
export function checkPact(pact: unknown, options: { state?: string; consumer?: string } = {}): InteractionVerdict[] {
  const interactions = (pact as { interactions?: unknown } | null)?.interactions;
  if (!Array.isArray(interactions)) {
    throw new TypeError('not a pact: it has no interactions');
  }
  return interactions.map((value) => {
    const interaction = value as PactInteraction;
    const method = (interaction.request?.method ?? 'GET').toUpperCase();
    const path = interaction.request?.path ?? '/';
    const status = interaction.response?.status ?? 200;
    const named = interaction.providerState ?? interaction.providerStates?.[0]?.name;
    const state = options.state ?? (named === undefined || named === '' ? undefined : named);
    const answer: MockedAnswer = {
      method,
      path,
      status,
      body: pactBody(interaction.response?.body),
      headers: pactHeaders(interaction.response?.headers),
      ...(state === undefined ? {} : { state }),
      ...(options.consumer === undefined ? {} : { consumer: options.consumer }),
    };
    return { description: interaction.description ?? '', request: `${method} ${path} ${status}`, verdict: checkMockedAnswer(answer) };
  });
}

/** As checkPact, throwing a MockDriftError that names each interaction that breaks the contracts, and how. */
export function assertPact(pact: unknown, options: { state?: string; consumer?: string } = {}): void {
  const verdicts = checkPact(pact, options);
  const broken = verdicts.filter(({ verdict }) => !verdict.ok);
  if (broken.length === 0) {
    return;
  }
  const participants = pact as { consumer?: { name?: string }; provider?: { name?: string } };
  const lines = broken.flatMap(({ description, request, verdict }) => [
    `  "${description}" (${request}${verdict.contract === undefined ? '' : `, contract ${verdict.contract.contract}`}):`,
    ...verdict.problems.map((problem) => `    ${problem}`),
  ]);
  throw new MockDriftError(
    broken[0]!.verdict,
    `${broken.length} of ${verdicts.length} interactions of the pact between ${participants.consumer?.name ?? 'a consumer'} and`
      + ` ${participants.provider?.name ?? 'a provider'} do not honour the published contracts:\n${lines.join('\n')}\n`
      + `(contracts of credit-packs-api ${CONTRACTS_VERSION})`,
  );
}

interface PactInteraction {
  description?: string;
  providerState?: string;
  providerStates?: { name?: string }[];
  request?: { method?: string; path?: string };
  response?: { status?: number; headers?: Record<string, string | string[]>; body?: unknown };
}

/** Specification 4 wraps a body as {content, contentType, encoded}; 2 and 3 give it as it is. */
function pactBody(body: unknown): unknown {
  if (body !== null && typeof body === 'object' && 'content' in body && ('contentType' in body || 'encoded' in body)) {
    return (body as { content: unknown }).content;
  }
  return body;
}

/** Specification 4 gives each header as a list of values. */
function pactHeaders(headers: Record<string, string | string[]> | undefined): Record<string, string> | undefined {
  if (headers === undefined) {
    return undefined;
  }
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
}

async function answerOf(request: MockedRequest, response: Response, options: { state?: string; consumer?: string }): Promise<MockedAnswer> {
  const text = await response.clone().text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: judged as the text it is.
  }
  return { method: request.method, path: request.url, status: response.status, body, headers: response.headers, ...options };
}

function problemsWith(contract: PublishedContract, answer: MockedAnswer): string[] {
  const problems: string[] = [];
  if (answer.headers !== undefined) {
    const headers = answer.headers instanceof Headers ? answer.headers : new Headers(answer.headers);
    for (const rule of contract.headers) {
      const value = headers.get(rule.name);
      const expected = rule.matches !== undefined ? `a value matching ${rule.matches}` : JSON.stringify(rule.equalTo);
      const honoured = value !== null && (rule.matches !== undefined ? new RegExp(`^(?:${rule.matches})$`, 'i').test(value) : value === rule.equalTo);
      if (!honoured) {
        problems.push(`header ${rule.name}: expected ${expected}, got ${value === null ? 'no such header' : JSON.stringify(value)}`);
      }
    }
  }
  if (contract.rules !== undefined) {
    if (typeof answer.body === 'string') {
      problems.push(`body: expected a JSON document, got ${describe(answer.body)}`);
      return problems;
    }
    let validate = validators.get(contract);
    if (validate === undefined) {
      validate = ajv.compile(contract.rules);
      validators.set(contract, validate);
    }
    if (!validate(answer.body)) {
      problems.push(...(validate.errors ?? []).filter((error) => !wrapsOthers(error)).map((error) => problem(error, answer.body)));
    }
  }
  return problems;
}

/** Ajv also reports the combinator whose branch failed (anyOf, if, ...); the branch says more. */
function wrapsOthers(error: ErrorObject): boolean {
  return ['anyOf', 'oneOf', 'if', 'allOf'].includes(error.keyword);
}

/** One problem as `<JSON path>: expected <what the contract says>, got <what the mock answers>`. */
function problem(error: ErrorObject, body: unknown): string {
  const { path, value } = locate(error.instancePath, body);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const fields = value !== null && typeof value === 'object' ? Object.keys(value).join(', ') : '';
      return `${child(path, String(params.missingProperty))}: expected a value (the field is required), got no such field (fields: ${fields})`;
    }
    case 'type':
      return `${path}: expected ${typeName(params.type)}, got ${describe(value)}`;
    case 'const':
      return `${path}: expected exactly ${JSON.stringify(params.allowedValue)}, got ${describe(value)}`;
    case 'enum':
      return `${path}: expected one of ${JSON.stringify(params.allowedValues)}, got ${describe(value)}`;
    case 'minimum':
      return `${path}: expected at least ${String(params.limit)}, got ${describe(value)}`;
    case 'exclusiveMinimum':
      return `${path}: expected more than ${String(params.limit)}, got ${describe(value)}`;
    case 'maximum':
      return `${path}: expected at most ${String(params.limit)}, got ${describe(value)}`;
    case 'pattern':
      return `${path}: expected ${params.pattern === '\\S' ? 'a string with a non-blank character' : `a string matching ${String(params.pattern)}`}, got ${describe(value)}`;
    case 'minLength':
      return `${path}: expected at least ${String(params.limit)} character(s), got ${describe(value)}`;
    case 'minItems':
      return `${path}: expected at least ${String(params.limit)} element(s), got ${describe(value)}`;
    case 'maxItems':
      return `${path}: expected ${params.limit === 0 ? 'an empty array' : `at most ${String(params.limit)} element(s)`}, got ${describe(value)}`;
    case 'items': {
      const index = Number(params.limit);
      return `${path}[${index}]: expected no element (the contract lists exactly ${index}), got ${describe((value as unknown[])[index])}`;
    }
    default:
      return `${path}: expected what the rule ${error.keyword} allows (${error.message ?? ''}), got ${describe(value)}`;
  }
}

/** Ajv's JSON pointer as the JSON path a reader knows ($.data[0].price), and the value there. */
function locate(pointer: string, body: unknown): { path: string; value: unknown } {
  let path = '$';
  let value = body;
  for (const token of pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    if (Array.isArray(value)) {
      path += `[${token}]`;
      value = value[Number(token)];
    } else {
      path = child(path, token);
      value = (value as Record<string, unknown> | undefined)?.[token];
    }
  }
  return { path, value };
}

function child(path: string, name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `${path}.${name}` : `${path}['${name.replace(/'/g, "\\'")}']`;
}

function typeName(type: unknown): string {
  if (Array.isArray(type)) {
    return type.map(typeName).join(' or ');
  }
  return { integer: 'an integer', object: 'an object', array: 'an array', null: 'null' }[String(type)] ?? `a ${String(type)}`;
}

/** A value as a problem names it: its type and, cut to one line, itself. */
function describe(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  if (value === null) {
    return 'null';
  }
  if (typeof value === 'string') {
    return `the string ${shorten(JSON.stringify(value))}`;
  }
  if (typeof value === 'number') {
    return `the number ${value}`;
  }
  if (typeof value === 'boolean') {
    return `the boolean ${value}`;
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? 'an empty array' : value.length > 3 ? `an array of ${value.length} elements` : `an array of ${value.length} ${shorten(JSON.stringify(value))}`;
  }
  return `an object ${shorten(JSON.stringify(value))}`;
}

function shorten(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function pathOf(pathOrUrl: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl) ? new URL(pathOrUrl).pathname : pathOrUrl.split(/[?#]/)[0]!;
}

function matchesPath(contract: PublishedContract, path: string): boolean {
  return contract.pathPattern !== undefined ? new RegExp(`^(?:${contract.pathPattern})$`).test(path) : contract.path === path;
}

function endpoints(contracts: readonly PublishedContract[]): string[] {
  return [...new Set(contracts.map((contract) => `${contract.method} ${contract.pathPattern ?? contract.path}`))];
}

function consumers(): string[] {
  return [...new Set(PUBLISHED.contracts.flatMap((contract) => (contract.consumer === undefined ? [] : [contract.consumer])))];
}

function list(items: string[]): string {
  return items.length === 0 ? 'none' : items.join(', ');
}

function failed(problem: string): Verdict {
  return { ok: false, problems: [problem] };
}
