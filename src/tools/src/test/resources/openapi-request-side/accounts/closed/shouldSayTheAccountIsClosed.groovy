import org.springframework.cloud.contract.spec.Contract

Contract.make {
    name 'shouldSayTheAccountIsClosed'
    description '''
Given the account is closed
When a client asks for its summary (with or without a currency)
Then it gets 410 and the error envelope.
'''
    request {
        method GET()
        urlPath(value(consumer(regex('/accounts/[0-9]+')), producer('/accounts/42'))) {
            queryParameters {
                parameter('view', 'summary')
            }
        }
        headers {
            header('X-Api-Key', value(consumer(matching('[A-Za-z0-9]{8,}')), producer('key12345')))
        }
    }
    response {
        status 410
        headers {
            contentType(applicationJson())
        }
        body(success: false, error_code: 'ACCOUNT_CLOSED', message: 'The account is closed')
    }
}
