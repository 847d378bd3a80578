package contracts.loans

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    name 'shouldReturnNotFoundForAnUnknownLoan'
    description 'An application nobody made: 404 and the error.'
    request {
        method GET()
        url '/loans/999'
    }
    response {
        status NOT_FOUND()
        headers {
            contentType(applicationJson())
        }
        body(error: 'LOAN_NOT_FOUND', message: 'No loan application 999')
    }
}
