// The contracts the build packs into this package (dist/published.js, written by collect.mjs from
// the published stubs): one entry per contract, its endpoint, state, status, headers and rules.

/** One published contract, as a mock of its endpoint is held to it. */
export interface PublishedContract {
  /** The contract's name (its stub's and its rules' file name). */
  contract: string;
  /** The consumer whose own contract it is; absent for the public contracts. */
  consumer?: string;
  method: string;
  /** The path the contract's request uses. */
  path: string;
  /** The pattern a path must match, where the stub matches paths by one. */
  pathPattern?: string;
  /** The producer state the contract answers in. */
  state: string;
  status: number;
  /** The response headers the contract requires: equal to a text, or matching a pattern. */
  headers: { name: string; equalTo?: string; matches?: string }[];
  /** The contract's response rules, relative to the package's published/ folder. */
  rulesFile?: string;
  /** The response rules themselves (JSON Schema 2020-12). */
  rules?: object;
}

export declare const PUBLISHED: { version: string; contracts: PublishedContract[] };
