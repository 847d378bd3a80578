// MSW's option that fails a request no handler matches: msw 2 (Node 20) names it onUnhandledRequest,
// msw 3 (Node 22 and newer, node22/package.json) onUnhandledFrame; each ignores the other's name.
import type { setupServer } from 'msw/node';

type ListenOptions = Parameters<ReturnType<typeof setupServer>['listen']>[0];

export const FAIL_UNHANDLED = { onUnhandledRequest: 'error', onUnhandledFrame: 'error' } as ListenOptions;
