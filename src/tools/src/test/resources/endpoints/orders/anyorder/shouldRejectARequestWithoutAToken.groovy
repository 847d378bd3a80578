import org.springframework.cloud.contract.spec.Contract

Contract.make {
    name 'shouldRejectARequestWithoutAToken'
    description 'Without a bearer token the orders are not shown: 401.'
    priority 2
    request {
        method GET()
        urlPath '/orders'
    }
    response {
        status UNAUTHORIZED()
        headers {
            header('WWW-Authenticate', 'Bearer')
            contentType(applicationJson())
        }
        body(error: 'unauthorized')
    }
}
