import org.springframework.cloud.contract.spec.Contract

Contract.make {
    name 'shouldReturnNotFoundForAnUnknownPack'
    description '''
Given no pack with the id a client sends
When it buys it
Then it gets 404 and the error envelope with error_code PACK_NOT_FOUND.
'''
    priority 2
    request {
        method POST()
        urlPath '/credits/packs/buy'
        headers {
            contentType(applicationJson())
            accept(applicationJson())
        }
        body(packId: 'pack-unknown')
        bodyMatchers {
            jsonPath('$.packId', byRegex(nonEmpty()))
        }
    }
    response {
        status NOT_FOUND()
        headers {
            contentType(applicationJson())
        }
        body(
                success: false,
                error_code: 'PACK_NOT_FOUND',
                message: 'No active credit pack with this id'
        )
    }
}
