package contracts

import org.springframework.cloud.contract.spec.Contract

// Two contracts in one file, as Spring Cloud Contract reads a list: the same request but for the amount.
[
    Contract.make {
        name 'shouldMarkClientAsFraud'
        description 'A loan above the limit is refused as fraud.'
        request {
            method 'PUT'
            url '/fraudcheck'
            body([
                    'client.id': $(consumer(regex('[0-9]{10}')), producer('0123456789')),
                    loanAmount : 99999
            ])
            headers {
                contentType('application/vnd.fraud.v1+json')
            }
        }
        response {
            status OK()
            body([
                    fraudCheckStatus  : 'FRAUD',
                    'rejection.reason': 'Amount too high'
            ])
            headers {
                contentType('application/vnd.fraud.v1+json')
            }
        }
    },
    Contract.make {
        name 'shouldMarkClientAsNotFraud'
        description 'A loan within the limit passes.'
        request {
            method 'PUT'
            url '/fraudcheck'
            body(
                    'client.id': $(consumer(regex('[0-9]{10}')), producer('1234567890')),
                    loanAmount : 123.123
            )
            headers {
                contentType('application/vnd.fraud.v1+json')
            }
        }
        response {
            status OK()
            body(
                    fraudCheckStatus  : 'OK',
                    'rejection.reason': null
            )
            headers {
                contentType('application/vnd.fraud.v1+json')
            }
        }
    }
]
