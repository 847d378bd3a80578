// Small HTTP servers of the tests' own, on 127.0.0.1 and a free port: the page's origin for the
// browser test, and answers the stubs never give (silence, stalls, huge or non-JSON bodies).
import { createServer, type RequestListener } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

export interface LocalServer {
  /** The server's base URL, ending with a slash. */
  url: string;
  close(): Promise<void>;
}

export async function startLocalServer(handler: RequestListener): Promise<LocalServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('the local server has no TCP address');
  }
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        // Tests leave requests hanging on purpose; they must not keep the server open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: bound once, then released. */
export async function closedPort(): Promise<number> {
  const server = await startLocalServer(() => undefined);
  await server.close();
  return Number(new URL(server.url).port);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/** Serves the files under root (HTML and JavaScript only), as a web app's own origin would. */
export function startStaticServer(webRoot: string): Promise<LocalServer> {
  const root = resolve(webRoot);
  return startLocalServer(async (request, response) => {
    const path = normalize(join(root, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)));
    const type = CONTENT_TYPES[extname(path)];
    if (!path.startsWith(root + sep) || type === undefined) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(path);
      response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
}
