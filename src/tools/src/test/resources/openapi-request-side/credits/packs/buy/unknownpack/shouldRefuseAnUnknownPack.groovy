import org.springframework.cloud.contract.spec.Contract

Contract.make {
    name 'shouldRefuseAnUnknownPack'
    description '''
Given no pack has the id
When a client buys it
Then it gets 404 and the error envelope.
'''
    request {
        method POST()
        urlPath '/credits/packs/buy'
        headers {
            contentType(applicationJson())
        }
        body(packId: 'pack-9')
        bodyMatchers {
            jsonPath('$.packId', byRegex('pack-[0-9]+'))
        }
    }
    response {
        status NOT_FOUND()
        headers {
            contentType(applicationJson())
        }
        body(success: false, error_code: 'PACK_NOT_FOUND', message: 'No such pack')
    }
}
