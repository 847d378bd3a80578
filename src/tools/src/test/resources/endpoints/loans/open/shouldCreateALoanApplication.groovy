package contracts.loans

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    name 'shouldCreateALoanApplication'
    description 'A new application is created: 201, where it lives, and its id.'
    request {
        method POST()
        url '/loans'
        headers {
            contentType(applicationJson())
        }
        body(
                clientId: '1234567890',
                amount: 5000,
                currency: 'EUR'
        )
        bodyMatchers {
            jsonPath('$.clientId', byRegex('[0-9]{10}'))
            jsonPath('$.amount', byRegex('[1-9][0-9]+'))
            jsonPath('$.currency', byRegex('[A-Z]{3}'))
        }
    }
    response {
        status CREATED()
        headers {
            header('Location', '/loans/42')
            contentType(applicationJson())
        }
        body(id: 42, status: 'PENDING')
        bodyMatchers {
            jsonPath('$.id', byRegex(positiveInt()))
        }
    }
}
