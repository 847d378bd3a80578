import org.springframework.cloud.contract.spec.Contract

Contract.make {
    name 'shouldAnswerPongToAPing'
    description 'Plain text in, plain text out.'
    request {
        method POST()
        url '/ping'
        headers {
            contentType(textPlain())
        }
        body('ping')
    }
    response {
        status OK()
        headers {
            contentType(textPlain())
        }
        body('pong')
    }
}
