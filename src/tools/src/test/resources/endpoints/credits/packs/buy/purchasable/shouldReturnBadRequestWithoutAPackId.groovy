import org.springframework.cloud.contract.spec.Contract

Contract.make {
    name 'shouldReturnBadRequestWithoutAPackId'
    description '''
When a client buys without saying which pack
Then it gets 400 and the error envelope with error_code VALIDATION_ERROR.
'''
    priority 3
    request {
        method POST()
        urlPath '/credits/packs/buy'
        headers {
            contentType(applicationJson())
            accept(applicationJson())
        }
        body([:])
    }
    response {
        status BAD_REQUEST()
        headers {
            contentType(applicationJson())
        }
        body(
                success: false,
                error_code: 'VALIDATION_ERROR',
                message: 'packId is required'
        )
    }
}
