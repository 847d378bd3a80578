// Pact JS's Verifier as a provider team runs it, in a process of its own so that a test can read
// what it prints (the Rust verifier writes its report straight to this process's stdout):
//
//   node build/test/support/pact-verify.js '{"providerBaseUrl": ..., "pactUrls": [...], ...}'
//
// Exits 0 when every interaction holds, 1 when one does not (the report says which), 2 on bad usage.
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';

const [, , json] = process.argv;
if (json === undefined) {
  console.error('usage: pact-verify.js <Verifier options as JSON>');
  process.exit(2);
}
const options = JSON.parse(json) as VerifierOptions;
try {
  await new Verifier({ provider: 'credit-packs-api', logLevel: 'error', ...options }).verifyProvider();
  console.log('pact-verify: every interaction holds');
} catch (error) {
  // The error's message repeats the whole report as JSON: the report above says it all.
  console.log(`pact-verify: verification failed${error instanceof Error && !error.message.startsWith('{') ? `: ${error.message}` : ''}`);
  process.exitCode = 1;
}
