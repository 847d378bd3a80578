// pact-msw-adapter 4.0.2 (Node 22 and newer) ships no type declarations: its package.json names
// dist/src/pactMswAdapter.d.ts, which the package does not contain. This declares the part the
// tests use; on Node 20, 3.0.1's own declarations are found first and this one is not used.
declare module '@pactflow/pact-msw-adapter' {
  export interface PactMswAdapter {
    newTest(): void;
    verifyTest(): Promise<void>;
    writeToFile(writer?: (path: string, data: object) => void): Promise<void>;
    clear(): void;
  }

  export function setupPactMswAdapter(setup: {
    server?: unknown;
    options: {
      consumer: string;
      providers: Record<string, string[]>;
      timeout?: number;
      logger?: unknown;
    };
  }): PactMswAdapter;
}
