package contracts.loans

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    name 'shouldDeleteALoanApplication'
    description 'Deleting an application answers 204 and no body.'
    request {
        method DELETE()
        url '/loans/42'
    }
    response {
        status NO_CONTENT()
    }
}
