import org.springframework.cloud.contract.spec.Contract

Contract.make {
    name 'shouldBuyAPack'
    description '''
Given the pack exists
When a client buys it (POST /credits/packs/buy with its packId)
Then it gets 200 and the purchase, dated.
'''
    request {
        method POST()
        urlPath '/credits/packs/buy'
        headers {
            contentType(applicationJson())
        }
        body(packId: 'pack-1')
        bodyMatchers {
            jsonPath('$.packId', byRegex('pack-[0-9]+'))
        }
    }
    response {
        status OK()
        headers {
            contentType(applicationJson())
        }
        // purchasedOn is pinned and reads as a date to YAML 1.1 loaders; purchasedAt is any timestamp.
        body(success: true, data: [packId: 'pack-1', credits: 100, purchasedOn: '2024-05-01', purchasedAt: '2024-05-01T10:00:00'])
        bodyMatchers {
            jsonPath('$.data.purchasedAt', byTimestamp())
        }
    }
}
