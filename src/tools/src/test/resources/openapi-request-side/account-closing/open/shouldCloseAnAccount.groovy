import org.springframework.cloud.contract.spec.Contract

Contract.make {
    name 'shouldCloseAnAccount'
    description '''
Given the account is open
When a client closes it
Then it gets 204 and no body.
'''
    request {
        method DELETE()
        urlPath(value(consumer(regex('/accounts/[0-9]+')), producer('/accounts/42')))
    }
    response {
        status 204
    }
}
