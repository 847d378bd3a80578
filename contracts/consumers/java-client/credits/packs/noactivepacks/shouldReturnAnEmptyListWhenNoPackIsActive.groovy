import org.springframework.cloud.contract.spec.Contract

/*
 * The Java consumer (src/consumers/java, CreditPacksClient): a catalog with nothing to buy is an
 * empty list, not an error. The client needs success true and data an empty array (no rule
 * loosens the example): a null or missing data, or an error status, would be an error to it.
 */
Contract.make {
    name 'shouldReturnAnEmptyListWhenNoPackIsActive'
    description '''
Given no pack in the catalog is active
When the Java client lists the credit packs (GET /credits/packs, Accept: application/json)
Then it gets 200, success true and an empty data array, which it returns as an empty list.
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
                data: []
        )
    }
}
