import org.springframework.cloud.contract.spec.Contract

/*
 * The Java consumer (src/consumers/java, CreditPacksClient): what it reads of a catalog. It sends
 * Accept: application/json, takes a 200 with success true and a data array as the catalog, and
 * reads each pack's id, name, code, credits and price, nothing else of the body. Any number of
 * packs, none included, is a catalog it can return. The example values are the reference's first
 * pack; the matchers leave the producer free in everything the client does not rely on.
 */
Contract.make {
    name 'shouldReturnThePacksTheClientReads'
    description '''
Given the catalog has active packs
When the Java client lists the credit packs (GET /credits/packs, Accept: application/json)
Then it gets 200, success true and data, a list of packs, each with a non-blank id (what a purchase names),
name and code, a positive whole number of credits and a non-negative price.
'''
    request {
        method GET()
        urlPath '/credits/packs'
        headers {
            accept(applicationJson())
        }
    }
    response {
        status OK()
        body(
                success: true,
                data: [
                        [id: 'pack-1', name: 'Pack 1', code: 'PACK_1', credits: 100, price: 19.99],
                ]
        )
        bodyMatchers {
            jsonPath('$.data[*].id', byRegex(nonBlank()))
            jsonPath('$.data[*].name', byRegex(nonBlank()))
            jsonPath('$.data[*].code', byRegex(nonBlank()))
            // The client holds credits in an int: a whole number, and a pack grants at least one.
            jsonPath('$.data[*].credits', byRegex(positiveInt()))
            // The client holds the price as an exact decimal: any non-negative number.
            jsonPath('$.data[*].price', byRegex('\\d*\\.\\d+|\\d+'))
        }
    }
}
