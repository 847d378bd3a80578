import org.springframework.cloud.contract.spec.Contract

/*
 * The catalog holds the reference's three active packs and also packs that are inactive,
 * soft-deleted, or both. No rule loosens the example, so the answer must be exactly the three
 * active packs in this order: a retired pack that leaks into the list fails verification.
 */
Contract.make {
    name 'shouldNeverReturnInactiveOrDeletedPacks'
    description '''
Given the catalog holds the three reference packs, active, and packs that are inactive or soft-deleted
When a client lists the credit packs
Then it gets 200 and exactly the three active packs, cheapest first: inactive and deleted packs never appear.
Stub users reach it in the stub state retiredpacks.
'''
    request {
        method GET()
        urlPath '/credits/packs'
    }
    response {
        status OK()
        headers {
            contentType(applicationJson())
        }
        body(
                success: true,
                data: [
                        [id: 'pack-1', name: 'Pack 1', code: 'PACK_1', credits: 100, price: 19.99],
                        [id: 'pack-2', name: 'Pack 2', code: 'PACK_2', credits: 500, price: 49.99],
                        [id: 'pack-3', name: 'Pack 3', code: 'PACK_3', credits: 1100, price: 99.99],
                ]
        )
    }
}
