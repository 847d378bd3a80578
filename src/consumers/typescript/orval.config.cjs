// orval (https://orval.dev) as a TypeScript team runs it on the published OpenAPI document: a fetch
// client with MSW handlers and faker mocks beside it. run-tests generates it into src/generated/
// and generated-mocks.test.ts holds every mock answer to the published rules.
// OPENAPI_DOCUMENT names another document (run-tests passes the one it tests).
module.exports = {
  creditPacks: {
    input: { target: process.env.OPENAPI_DOCUMENT || '../../../stubs/openapi.yaml' },
    output: {
      target: './src/generated/orval/credit-packs.ts',
      client: 'fetch',
      mode: 'single',
      // Mocks for every documented status (the 500 envelope too), answered at once.
      mock: { type: 'msw', delay: false, generateEachHttpStatus: true },
      // The document's server (the stub server) is the client's base URL: Node's fetch needs an absolute one.
      baseUrl: { getBaseUrlFromSpecification: true },
      prettier: false,
    },
  },
};
