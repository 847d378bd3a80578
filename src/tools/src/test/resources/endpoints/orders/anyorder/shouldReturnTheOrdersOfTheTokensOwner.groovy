import org.springframework.cloud.contract.spec.Contract

Contract.make {
    name 'shouldReturnTheOrdersOfTheTokensOwner'
    description 'With a bearer token, the orders of its owner.'
    priority 1
    request {
        method GET()
        urlPath '/orders'
        headers {
            header('Authorization', value(consumer(regex('Bearer [A-Za-z0-9._-]+')), producer('Bearer abc.def.ghi')))
            header('X-Request-Id', value(consumer(regex('[0-9a-f]{8}')), producer('0badcafe')))
        }
    }
    response {
        status OK()
        headers {
            contentType(applicationJson())
        }
        body(orders: [[id: 'order-1', total: 12.5]])
        bodyMatchers {
            jsonPath('$.orders', byType { minOccurrence(0) })
            jsonPath('$.orders[*].id', byRegex(nonBlank()))
            jsonPath('$.orders[*].total', byRegex(aDouble()))
        }
    }
}
