import org.springframework.cloud.contract.spec.Contract

Contract.make {
    name 'shouldReturnServiceUnavailableWhenCheckoutIsDown'
    description '''
Given the payment provider cannot start a checkout
When a client buys an active pack
Then it gets 503 and the error envelope with error_code CHECKOUT_UNAVAILABLE.
'''
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
        status SERVICE_UNAVAILABLE()
        headers {
            contentType(applicationJson())
        }
        body(
                success: false,
                error_code: 'CHECKOUT_UNAVAILABLE',
                message: 'Checkout is unavailable, try again later'
        )
    }
}
