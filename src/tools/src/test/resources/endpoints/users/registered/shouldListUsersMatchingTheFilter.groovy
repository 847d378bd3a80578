package contracts

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    name 'shouldListUsersMatchingTheFilter'
    description '''
Given registered users
When a client asks for a page of them by e-mail filter
Then it gets the page as a JSON array.
'''
    request {
        method GET()
        url('/users') {
            queryParameters {
                parameter 'limit': 100
                parameter 'filter': equalTo('email')
                parameter 'gender': value(consumer(containing('f')), producer('mf'))
                parameter 'offset': value(consumer(matching('[0-9]+')), producer(123))
            }
        }
        headers {
            accept(applicationJson())
        }
    }
    response {
        status OK()
        headers {
            contentType(applicationJson())
        }
        body([
                [id: 1, email: 'ada@example.com', gender: 'f'],
                [id: 2, email: 'alan@example.com', gender: 'm']
        ])
        bodyMatchers {
            jsonPath('$', byType { minOccurrence(0); maxOccurrence(100) })
            jsonPath('$[*].id', byRegex(positiveInt()))
            jsonPath('$[*].email', byRegex(email()))
            jsonPath('$[*].gender', byRegex('[mf]'))
        }
    }
}
