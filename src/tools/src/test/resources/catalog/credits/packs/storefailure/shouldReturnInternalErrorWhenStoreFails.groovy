import org.springframework.cloud.contract.spec.Contract

/*
 * The producer's store fails (the state hook breaks it for real; the generated test's base class
 * gives the controller a failing store): the documented error envelope, every value pinned.
 * Stub users reach this answer in the stubs' storefailure state, or in any state through the
 * selector below, which producers never see.
 */
Contract.make {
    name 'shouldReturnInternalErrorWhenStoreFails'
    description '''
Given the catalog cannot be read (the store is down or failing)
When a client lists the credit packs
Then it gets 500 and the error envelope with error_code INTERNAL_ERROR, never a stack trace.
Stub users reach it in the stub state storefailure, or in any state with GET /credits/packs?simulate=internal-error.
'''
    // Above every other stub, so the selector wins in any state.
    priority 1
    request {
        method GET()
        urlPath '/credits/packs'
    }
    response {
        status INTERNAL_SERVER_ERROR()
        headers {
            contentType(applicationJson())
        }
        body(
                success: false,
                error_code: 'INTERNAL_ERROR',
                message: 'Failed to retrieve credit packs'
        )
    }
    metadata(stubSelector: [queryParameters: [simulate: 'internal-error']])
}
