import org.springframework.cloud.contract.spec.Contract

/*
 * The stub answers with the API reference's example catalog, value for value. The producer is
 * held to the rules below, not to today's catalog: at least one pack, and every pack with a
 * non-blank id, name and code, a positive integer credits and a non-negative price. Fields
 * without a rule keep their example value (success must be true). New fields and more packs
 * are allowed; anything a consumer relies on being renamed, retyped or missing is not.
 */
Contract.make {
    name 'shouldReturnActivePacks'
    description '''
Given the catalog has active packs
When a client lists the credit packs (GET /credits/packs, with or without Accept: application/json)
Then it gets 200 and every active, non-deleted pack with its id, name, code, credits and USD price.
The id is what POST /credits/packs/buy takes as packId.
'''
    priority 100
    request {
        method GET()
        urlPath '/credits/packs'
    }
    response {
        status OK()
        headers {
            contentType(applicationJson())
        }
        body(
                success: true,
                data: [
                        [id: 'pack-1', name: 'Pack 1', code: 'PACK_1', credits: 100, price: 19.99],
                        [id: 'pack-2', name: 'Pack 2', code: 'PACK_2', credits: 500, price: 49.99],
                        [id: 'pack-3', name: 'Pack 3', code: 'PACK_3', credits: 1100, price: 99.99],
                ]
        )
        bodyMatchers {
            jsonPath('$.data', byType { minOccurrence(1) })
            jsonPath('$.data[*].id', byRegex(nonBlank()))
            jsonPath('$.data[*].name', byRegex(nonBlank()))
            jsonPath('$.data[*].code', byRegex(nonBlank()))
            jsonPath('$.data[*].credits', byRegex(positiveInt()))
            // A non-negative number: number() without its minus sign.
            jsonPath('$.data[*].price', byRegex('\\d*\\.\\d+|\\d+'))
        }
    }
}
