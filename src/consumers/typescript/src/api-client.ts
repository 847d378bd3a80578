// A client in the style of the Flashback reference's TypeScript client: one makeRequest<T>(path,
// method, body) against a base URL, and one typed method per endpoint. It runs unchanged in Node
// 18+ and in browsers (fetch, streams and AbortSignal.timeout only).
import type { GetCreditsPacksResponse } from './credit-packs.js';

export const DEFAULT_BASE_URL = 'https://backend.flashback.tech/';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiClientOptions {
  /** The bound on one request, from sending it to the last byte of the answer. */
  timeoutMs?: number;
  /** The largest answer read; a bigger one is an error rather than a page that never settles. */
  maxResponseBytes?: number;
}

/**
 * The request got no answer the API documents: nothing answered, it took too long, or the answer
 * was too large, not JSON, not the API's envelope, or a status the API does not document.
 * The message names the method and URL; `status` is set when an answer arrived.
 */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';

  constructor(
    readonly url: string,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class ApiClient {
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;

  constructor(baseUrl: string = DEFAULT_BASE_URL, options: ApiClientOptions = {}) {
    // Paths are relative ('credits/packs'), so the base must end with a slash to keep its own path.
    this.baseUrl = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxResponseBytes = options.maxResponseBytes ?? 1024 * 1024;
  }

  /** The packs a user can buy, or the API's error envelope when the catalog cannot be read. */
  getCreditsPacks(): Promise<GetCreditsPacksResponse> {
    return this.makeRequest<GetCreditsPacksResponse>('credits/packs', 'GET', null);
  }

  /**
   * Resolves with the body of the answers the API documents: a 2xx with `success: true`, and the
   * 500 error envelope (`success: false`), which is data for a UI to show. Anything else rejects
   * with an ApiRequestError.
   */
  async makeRequest<T>(path: string, method: HttpMethod, body: unknown): Promise<T> {
    const url = new URL(path, this.baseUrl).href;
    const request = `${method} ${url}`;
    const signal = AbortSignal.timeout(this.timeoutMs);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== null && body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    try {
      const response = await fetch(url, {
        method,
        headers,
        body: body === null || body === undefined ? null : JSON.stringify(body),
        signal,
      });
      const text = await this.readBody(response, url, request);
      return documentedAnswer<T>(response, text, url, request);
    } catch (error) {
      if (error instanceof ApiRequestError) {
        throw error;
      }
      if (signal.aborted) {
        throw new ApiRequestError(url, `${request} timed out after ${this.timeoutMs} ms`, undefined, { cause: error });
      }
      throw new ApiRequestError(url, `${request} failed: ${describe(error)}`, undefined, { cause: error });
    }
  }

  private async readBody(response: Response, url: string, request: string): Promise<string> {
    const tooLarge = () =>
      new ApiRequestError(url, `${request} answered more than ${this.maxResponseBytes} bytes`, response.status);
    if (Number(response.headers.get('content-length')) > this.maxResponseBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw tooLarge();
    }
    if (response.body === null) {
      return '';
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let received = 0;
    for (;;) {
      // Rejects once the timeout's signal aborts, so a body that stalls is bounded too.
      const { done, value } = await reader.read();
      if (done) {
        return text + decoder.decode();
      }
      received += value.byteLength;
      if (received > this.maxResponseBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      text += decoder.decode(value, { stream: true });
    }
  }
}

interface Envelope {
  success: boolean;
  error_code?: unknown;
  message?: unknown;
}

function documentedAnswer<T>(response: Response, text: string, url: string, request: string): T {
  const answered = `${request} answered ${response.status} (${response.headers.get('content-type') ?? 'no content type'})`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiRequestError(url, `${answered} with a body that is not JSON: ${excerpt(text)}`, response.status);
  }
  if (!isEnvelope(json)) {
    throw new ApiRequestError(url, `${answered} with JSON that is not the API's envelope: ${excerpt(text)}`, response.status);
  }
  if (json.success ? response.ok : response.status === 500) {
    return json as T;
  }
  const said = json.success ? 'success: true' : `${String(json.error_code)}: ${String(json.message)}`;
  throw new ApiRequestError(url, `${answered}, which the API does not document (${said})`, response.status);
}

function isEnvelope(json: unknown): json is Envelope {
  return typeof json === 'object' && json !== null && typeof (json as Envelope).success === 'boolean';
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 120 ? `${flat.slice(0, 120)}...` : flat);
}

/** Node's fetch hides the reason in `cause` ("fetch failed" / "connect ECONNREFUSED ..."). */
function describe(error: unknown): string {
  if (error instanceof Error) {
    return error.cause instanceof Error ? error.cause.message : error.message;
  }
  return String(error);
}
