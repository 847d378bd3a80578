import org.springframework.cloud.contract.spec.Contract

Contract.make {
    name 'shouldStartACheckoutForAnActivePack'
    description '''
Given the catalog's active packs
When a client buys one by its id (the id GET /credits/packs lists)
Then it gets 200 and a checkout to send the user to.
'''
    priority 1
    request {
        method POST()
        urlPath '/credits/packs/buy'
        headers {
            contentType(applicationJson())
            accept(applicationJson())
        }
        body(packId: $(consumer(regex('pack-[1-3]')), producer('pack-1')))
    }
    response {
        status OK()
        headers {
            contentType(applicationJson())
        }
        body(
                success: true,
                data: [
                        checkoutId : 'chk-0001',
                        checkoutUrl: 'https://checkout.example.com/chk-0001',
                        packId     : 'pack-1',
                        price      : 19.99
                ]
        )
        bodyMatchers {
            jsonPath('$.data.checkoutId', byRegex(nonBlank()))
            jsonPath('$.data.checkoutUrl', byRegex('https://[^ ]+'))
            jsonPath('$.data.packId', byRegex(nonBlank()))
            jsonPath('$.data.price', byRegex(aDouble()))
        }
    }
}
