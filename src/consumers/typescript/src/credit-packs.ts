// The API's types for GET /credits/packs, all taken from the types openapi-typescript generates
// from the published OpenAPI document (stubs/openapi.yaml): none is written by hand, so a change
// in the document is a compile error wherever a consumer relies on what changed.
import type { operations } from './generated/openapi.js';

type GetCreditsPacks = operations['getCreditsPacks'];

/** The 200 body: the packs a user can buy. */
export type CreditPacksCatalog = GetCreditsPacks['responses'][200]['content']['application/json'];

/** The 500 body: the API's error envelope, which a UI shows as it is. */
export type CreditPacksFailure = GetCreditsPacks['responses'][500]['content']['application/json'];

/** One pack; its `id` is the `packId` of POST /credits/packs/buy. */
export type CreditPack = CreditPacksCatalog['data'][number];

/** What getCreditsPacks() resolves with; `success` tells the two bodies apart. */
export type GetCreditsPacksResponse = CreditPacksCatalog | CreditPacksFailure;
