import org.springframework.cloud.contract.spec.Contract

/*
 * The stub answers with the API reference's example catalog, value for value.
 * The producer is held to the shape, not to today's catalog: every pack must carry a non-empty
 * string id, name and code, an integer credits and a numeric price (the rules are in
 * src/test/java/tech/flashback/creditpacks/contract/CatalogShape.java, published in the stubs jar
 * with this contract). New fields and more packs are allowed; anything a consumer relies on being
 * renamed, retyped or missing is not.
 */
Contract.make {
    name 'shouldReturnActivePacks'
    description '''
Given the catalog can be read
When a client lists the credit packs (GET /credits/packs, with or without Accept: application/json)
Then it gets 200 and every active, non-deleted pack with its id, name, code, credits and USD price.
The id is what POST /credits/packs/buy takes as packId.
'''
    // Lower than the failure stub's priority, so the failure selector always wins over this stub.
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
            jsonPath('$.data', byCommand('assertCatalogShape($it)'))
        }
    }
}
