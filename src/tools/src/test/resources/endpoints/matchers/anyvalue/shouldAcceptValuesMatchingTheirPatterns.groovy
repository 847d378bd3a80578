package contracts

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    name 'shouldAcceptValuesMatchingTheirPatterns'
    description 'Every value of the request is matched by its pattern, and so is the answer.'
    request {
        method 'POST'
        urlPath '/matchers'
        headers {
            contentType(applicationJson())
        }
        body([
                duck     : 123,
                alpha    : 'abc',
                number   : 123,
                aBoolean : true,
                date     : '2017-01-01',
                dateTime : '2017-01-01T01:23:45',
                time     : '01:02:34',
                valueWithoutAMatcher: 'foo',
                key      : ['complex.key': 'foo']
        ])
        bodyMatchers {
            jsonPath('$.duck', byRegex('[0-9]{3}'))
            jsonPath('$.alpha', byRegex(alphaNumeric()))
            jsonPath('$.number', byRegex(number()))
            jsonPath('$.aBoolean', byRegex(anyBoolean()))
            jsonPath('$.date', byDate())
            jsonPath('$.dateTime', byTimestamp())
            jsonPath('$.time', byTime())
            jsonPath("\$.['key'].['complex.key']", byEquality())
        }
    }
    response {
        status OK()
        headers {
            contentType(applicationJson())
        }
        body([
                duck   : 123,
                alpha  : 'abc',
                number : 123,
                aBoolean: true,
                date   : '2017-01-01',
                valueWithoutAMatcher: 'foo'
        ])
        bodyMatchers {
            jsonPath('$.duck', byRegex('[0-9]{3}'))
            jsonPath('$.alpha', byRegex(alphaNumeric()))
            jsonPath('$.number', byRegex(number()))
            jsonPath('$.aBoolean', byRegex(anyBoolean()))
            jsonPath('$.date', byDate())
        }
    }
}
