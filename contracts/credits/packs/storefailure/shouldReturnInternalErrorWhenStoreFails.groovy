import org.springframework.cloud.contract.spec.Contract

/*
 * Consumers reach this stub only with the query parameter simulate=internal-error; every other
 * GET /credits/packs gets the 200 stub. The producer ignores the parameter: its generated test
 * makes the store fail instead (CatalogStoreFailureBase).
 */
Contract.make {
    name 'shouldReturnInternalErrorWhenStoreFails'
    description '''
Given the catalog cannot be read (the store is down or failing)
When a client lists the credit packs
Then it gets 500 and the error envelope with error_code INTERNAL_ERROR, never a stack trace.
Stub users select this response with GET /credits/packs?simulate=internal-error.
'''
    priority 1
    request {
        method GET()
        urlPath('/credits/packs') {
            queryParameters {
                parameter 'simulate', 'internal-error'
            }
        }
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
}
