import org.springframework.cloud.contract.spec.Contract

/*
 * The Java consumer (src/consumers/java, CreditPacksClient): on any status but 200 it reads the
 * error envelope's error_code and message and throws them to its caller with the status. It does
 * not branch on their values. It also needs success to be there, as a boolean of any value: it
 * reads the envelope into one record whose success is a primitive boolean, and Jackson 3 refuses
 * a missing primitive (FAIL_ON_NULL_FOR_PRIMITIVES), so an envelope without it is, to the client,
 * not the API's envelope.
 */
Contract.make {
    name 'shouldReturnTheErrorCodeAndMessageWhenTheStoreFails'
    description '''
Given the catalog cannot be read (the store is down or failing)
When the Java client lists the credit packs (GET /credits/packs, Accept: application/json)
Then it gets 500 and the error envelope: success (a boolean), a non-blank error_code and a message,
which it gives its caller with the status.
'''
    request {
        method GET()
        urlPath '/credits/packs'
        headers {
            accept(applicationJson())
        }
    }
    response {
        status INTERNAL_SERVER_ERROR()
        body(
                success: false,
                error_code: 'INTERNAL_ERROR',
                message: 'Failed to retrieve credit packs'
        )
        bodyMatchers {
            jsonPath('$.success', byType())
            jsonPath('$.error_code', byRegex(nonBlank()))
            jsonPath('$.message', byType())
        }
    }
}
