import org.springframework.cloud.contract.spec.Contract

/*
 * Every pack is inactive: the catalog is empty, which is a success, not an error. No rule
 * loosens the example, so data must be exactly an empty array.
 */
Contract.make {
    name 'shouldReturnNoPacksWhenNoneIsActive'
    description '''
Given no pack in the catalog is active
When a client lists the credit packs
Then it gets 200, success true and an empty data array: nothing to buy, not an error.
Stub users reach it in the stub state noactivepacks.
'''
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
                data: []
        )
    }
}
