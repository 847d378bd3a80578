// How long a test waits for any one answer (from the stub server, Prism, a mock, the browser) before
// it gives up: a guard against a hang, never a verdict. The machine the build runs on is shared and
// often busy (load average 15 and more), so it is far beyond what an answer takes there, and below
// the runner's own 120 s per test, so that a request that hangs is named by its own error.
export const PATIENCE_MS = 60_000;
