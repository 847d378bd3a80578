import org.springframework.cloud.contract.spec.Contract

Contract.make {
    name 'shouldReturnEveryBookOnTheShelf'
    description 'The shelf as an array of books, at least one.'
    request {
        method GET()
        url '/books'
    }
    response {
        status OK()
        headers {
            contentType(applicationJson())
        }
        body([
                [title: 'Dune', authors: ['Frank Herbert'], year: 1965],
                [title: 'Solaris', authors: ['Stanisław Lem'], year: 1961]
        ])
        bodyMatchers {
            jsonPath('$', byType { minOccurrence(1) })
            jsonPath('$[*].title', byRegex(nonEmpty()))
            jsonPath('$[*].authors', byType { minOccurrence(1) })
            jsonPath('$[*].year', byRegex('[0-9]{4}'))
        }
    }
}
