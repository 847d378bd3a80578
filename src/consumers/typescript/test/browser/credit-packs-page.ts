// The page a web app would build on the client: the catalog as a table, an empty catalog as a
// notice, and the API's error envelope (or a request that failed) as an alert. It sets
// document.body.dataset.state once it has settled, for the test to wait on.
import { ApiClient } from '../../src/api-client.js';
import type { CreditPack, GetCreditsPacksResponse } from '../../src/credit-packs.js';

const main = document.getElementById('credit-packs')!;
const apiBaseUrl = new URLSearchParams(location.search).get('api') ?? undefined;

function textElement(tag: 'th' | 'td' | 'p', text: string, className?: string): HTMLElement {
  const element = document.createElement(tag);
  element.textContent = text;
  if (className !== undefined) {
    element.className = className;
  }
  return element;
}

function catalogTable(packs: CreditPack[]): HTMLTableElement {
  const table = document.createElement('table');
  table.createTHead().append(row('th', ['Pack', 'Code', 'Credits', 'Price (USD)']));
  const body = table.createTBody();
  for (const pack of packs) {
    const tr = body.insertRow();
    tr.dataset.packId = pack.id;
    tr.append(
      textElement('td', pack.name),
      textElement('td', pack.code),
      textElement('td', String(pack.credits), 'number'),
      textElement('td', String(pack.price), 'number'),
    );
  }
  return table;
}

function row(tag: 'th' | 'td', texts: string[]): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.append(...texts.map((text) => textElement(tag, text)));
  return tr;
}

function errorAlert(message: string, errorCode: string): HTMLElement {
  const element = textElement('p', message);
  element.setAttribute('role', 'alert');
  element.dataset.errorCode = errorCode;
  return element;
}

function show(state: 'catalog' | 'empty' | 'error', content: HTMLElement): void {
  main.replaceChildren(content);
  document.body.dataset.state = state;
}

function render(answer: GetCreditsPacksResponse): void {
  if (!answer.success) {
    show('error', errorAlert(answer.message, answer.error_code));
  } else if (answer.data.length === 0) {
    show('empty', textElement('p', 'No credit packs are on sale right now.'));
  } else {
    show('catalog', catalogTable(answer.data));
  }
}

try {
  render(await new ApiClient(apiBaseUrl).getCreditsPacks());
} catch (error) {
  show('error', errorAlert(error instanceof Error ? error.message : String(error), 'REQUEST_FAILED'));
}
