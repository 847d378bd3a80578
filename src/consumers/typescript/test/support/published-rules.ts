// Judges an answer as a consumer in any language can: against the published OpenAPI document's
// response schema and the published rules (JSON Schema 2020-12) of the contracts that answer with
// that status, validated by Ajv. An answer passes when the document's schema accepts it and at least
// one of those contracts' rules does (the states differ, so no one contract's rules need accept all).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

/** One operation of the document, as the tests walk them. */
export interface DocumentedOperation {
  method: string;
  path: string;
  operationId: string;
  /** Statuses whose answer has a JSON body, with the schema the document gives it. */
  statuses: Map<number, object>;
  /** The contracts x-stub-states lists, by status. */
  contracts: Map<number, string[]>;
}

interface PublishedMapping {
  metadata?: { contract?: { name: string; selector?: unknown; response: { status: number; rules?: string } } };
}

// The document's schemas and the rules files carry keywords Ajv's strict mode would question
// (OpenAPI's examples beside a JSON Schema, $comment): validation, not linting, is wanted here.
const ajv = new Ajv2020({ allErrors: true, strict: false });

/** The published folder a document sits in: its mappings/ and rules/ are beside it. */
export class PublishedRules {
  readonly document: {
    servers?: { url: string }[];
    paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, { schema: object }> }> } & Record<string, unknown>>>;
  };
  private readonly rulesByContract = new Map<string, string>();
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly documentFile: string) {
    this.document = parse(readFileSync(documentFile, 'utf8'));
    const mappings = join(dirname(documentFile), 'mappings');
    for (const entry of readdirSync(mappings, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.json')) {
        continue;
      }
      const mapping = JSON.parse(readFileSync(join(entry.parentPath, entry.name), 'utf8')) as PublishedMapping;
      const contract = mapping.metadata?.contract;
      if (contract !== undefined && contract.selector === undefined && contract.response.rules !== undefined) {
        this.rulesByContract.set(contract.name, join(dirname(documentFile), contract.response.rules));
      }
    }
  }

  /** The document's first server: the stub server's URL, which tools matching by the document's URLs use. */
  get serverUrl(): string {
    const url = this.document.servers?.[0]?.url;
    if (url === undefined) {
      throw new Error(`${this.documentFile} names no server: MSW handlers generated from it match no request in Node`);
    }
    return url;
  }

  operations(): DocumentedOperation[] {
    const operations: DocumentedOperation[] = [];
    for (const [path, item] of Object.entries(this.document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const statuses = new Map<number, object>();
        for (const [status, response] of Object.entries(operation.responses)) {
          const schema = response.content?.['application/json']?.schema;
          if (schema !== undefined) {
            statuses.set(Number(status), schema);
          }
        }
        const contracts = new Map<number, string[]>();
        const states = (operation['x-stub-states'] as { states: { state: string; status: number; contract?: string }[] }).states;
        for (const state of states) {
          if (state.contract === undefined) {
            throw new Error(`${this.documentFile}: x-stub-states of ${method.toUpperCase()} ${path} names no contract for state`
              + ` ${state.state} (a document published before they did): regenerate it`);
          }
          contracts.set(state.status, [...(contracts.get(state.status) ?? []), state.contract]);
        }
        operations.push({ method: method.toUpperCase(), path, operationId: operation.operationId, statuses, contracts });
      }
    }
    return operations;
  }

  /**
   * What is wrong with an answer of the operation with this status: the document's schema's
   * objections, or, when no contract answering with that status accepts it, each one's. Empty: it passes.
   */
  problems(operation: DocumentedOperation, status: number, body: unknown): string[] {
    const schema = operation.statuses.get(status);
    if (schema === undefined) {
      return [`${operation.method} ${operation.path} documents no JSON answer with status ${status}`];
    }
    const where = `${operation.method} ${operation.path} ${status}`;
    const problems = this.errors(`${where} (document)`, schema, body).map((error) => `${where}, the document's schema: ${error}`);
    const contracts = operation.contracts.get(status) ?? [];
    const objections = contracts.map((contract) => {
      const file = this.rulesByContract.get(contract);
      if (file === undefined) {
        return [`${contract}: no published rules`];
      }
      return this.errors(file, JSON.parse(readFileSync(file, 'utf8')), body).map((error) => `${contract}'s rules: ${error}`);
    });
    if (contracts.length === 0) {
      problems.push(`${where}: no contract answers with this status`);
    } else if (objections.every((errors) => errors.length > 0)) {
      problems.push(...objections.flat().map((objection) => `${where}, ${objection}`));
    }
    return problems;
  }

  private errors(key: string, schema: object, body: unknown): string[] {
    let validate = this.validators.get(key);
    if (validate === undefined) {
      validate = ajv.compile(schema);
      this.validators.set(key, validate);
    }
    return validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message} (got ${JSON.stringify(body).slice(0, 200)})`);
  }
}
