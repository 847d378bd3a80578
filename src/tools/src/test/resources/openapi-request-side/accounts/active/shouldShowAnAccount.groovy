import org.springframework.cloud.contract.spec.Contract

Contract.make {
    name 'shouldShowAnAccount'
    description '''
Given the account is open
When a client asks for its summary (any account number, a three-letter currency, its API key)
Then it gets 200 and the account.
'''
    request {
        method GET()
        urlPath(value(consumer(regex('/accounts/[0-9]+')), producer('/accounts/42'))) {
            queryParameters {
                parameter('view', 'summary')
                parameter('currency', value(consumer(matching('[A-Z]{3}')), producer('USD')))
                // The stub answers only a request without it.
                parameter('debug', absent())
            }
        }
        headers {
            header('X-Api-Key', value(consumer(matching('[A-Za-z0-9]{8,}')), producer('key12345')))
            accept(applicationJson())
        }
    }
    response {
        status OK()
        headers {
            contentType(applicationJson())
        }
        body(id: 42, balance: 100, openedOn: '2024-05-01')
    }
}
