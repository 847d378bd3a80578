// The client compiled to JavaScript, in a page served from an origin of its own (a static server
// on 127.0.0.1) and calling the stub server cross-origin, as a web app calls the API, in headless
// Chromium from the system (never a browser a test tool downloads). Each page is saved as a
// screenshot.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { CreditPacksCatalog, CreditPacksFailure } from '../src/credit-packs.js';
import {
  clearReceivedRequests,
  documentedBody,
  receivedRequests,
  stubsUrl,
  useProducerState,
  type ProducerState,
} from './support/published-stubs.js';
import { closedPort, startStaticServer, type LocalServer } from './support/local-server.js';
import { PATIENCE_MS } from './support/patience.js';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// The web root is the compiled tree, so the page's module imports resolve as they do on disk.
const webRoot = fileURLToPath(new URL('../', import.meta.url));
const screenshots = process.env.SCREENSHOTS_DIR ?? fileURLToPath(new URL('../screenshots/', import.meta.url));

/** What a person sees in the page's main area, read from the DOM. */
interface RenderedPage {
  state: string | undefined;
  table: { headers: string[]; rows: { packId: string | undefined; cells: string[] }[] } | null;
  alert: { errorCode: string | undefined; text: string } | null;
  text: string;
}

function readPage(page: Page): Promise<RenderedPage> {
  return page.evaluate(() => {
    const main = document.getElementById('credit-packs')!;
    const table = main.querySelector('table');
    const alert = main.querySelector<HTMLElement>('[role="alert"]');
    const texts = (cells: Iterable<Element>) => [...cells].map((cell) => cell.textContent ?? '');
    return {
      state: document.body.dataset.state,
      table:
        table === null
          ? null
          : {
              headers: texts(table.querySelectorAll('thead th')),
              rows: [...table.querySelectorAll<HTMLTableRowElement>('tbody tr')].map((row) => ({
                packId: row.dataset.packId,
                cells: texts(row.cells),
              })),
            },
      alert: alert === null ? null : { errorCode: alert.dataset.errorCode, text: alert.textContent ?? '' },
      text: main.textContent ?? '',
    };
  });
}

describe('the credit packs page in headless Chromium', () => {
  let site: LocalServer;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    mkdirSync(screenshots, { recursive: true });
    site = await startStaticServer(webRoot);
    // A fresh profile each run: nothing remembered, nothing that tries to sync or update.
    profile = mkdtempSync(join(tmpdir(), 'credit-packs-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      timeout: 60_000,
      viewport: { width: 720, height: 300 },
      // Playwright's own handlers would close the browser on a signal but keep this process alive;
      // without them the process ends, and Chromium ends with the pipe it is driven through.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(PATIENCE_MS);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  after(async () => {
    await browser?.close();
    await site?.close();
    if (profile !== undefined) {
      rmSync(profile, { recursive: true, force: true });
    }
  });

  /** Loads the page against an API, once it has settled saves a screenshot as NAME.png, and reads it. */
  async function open(name: string, api: string): Promise<RenderedPage> {
    await page.goto(`${site.url}test/browser/credit-packs.html?api=${encodeURIComponent(api)}`);
    await page.waitForSelector('body[data-state]');
    await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
    assert.deepEqual(pageErrors, [], 'uncaught errors in the page');
    return readPage(page);
  }

  async function openInState(state: ProducerState): Promise<RenderedPage> {
    await useProducerState(state);
    return open(state, stubsUrl);
  }

  test('renders the catalog fetched from another origin', async () => {
    const catalog = documentedBody('available') as CreditPacksCatalog;
    await clearReceivedRequests();
    const headers = ['Pack', 'Code', 'Credits', 'Price (USD)'];
    const rows = catalog.data.map((pack) => ({
      packId: pack.id,
      cells: [pack.name, pack.code, String(pack.credits), String(pack.price)],
    }));
    assert.deepEqual(await openInState('available'), {
      state: 'catalog',
      table: { headers, rows },
      alert: null,
      text: [...headers, ...rows.flatMap((row) => row.cells)].join(''),
    });
    const requests = await receivedRequests();
    assert.deepEqual(
      requests.map((request) => ({ method: request.method, url: request.url, accept: request.headers['accept'], origin: request.headers['origin'] })),
      [{ method: 'GET', url: '/credits/packs', accept: 'application/json', origin: new URL(site.url).origin }],
    );
  });

  test('renders that no pack is on sale when none is active', async () => {
    assert.deepEqual(await openInState('noactivepacks'), {
      state: 'empty',
      table: null,
      alert: null,
      text: 'No credit packs are on sale right now.',
    });
  });

  test("renders the API's error message when the store fails", async () => {
    const failure = documentedBody('storefailure') as CreditPacksFailure;
    assert.deepEqual(await openInState('storefailure'), {
      state: 'error',
      table: null,
      alert: { errorCode: failure.error_code, text: failure.message },
      text: failure.message,
    });
  });

  test('renders an error naming the URL when the API cannot be reached', async () => {
    const api = `http://127.0.0.1:${await closedPort()}/`;
    const message = `GET ${api}credits/packs failed: Failed to fetch`;
    assert.deepEqual(await open('unreachable', api), {
      state: 'error',
      table: null,
      alert: { errorCode: 'REQUEST_FAILED', text: message },
      text: message,
    });
  });
});
