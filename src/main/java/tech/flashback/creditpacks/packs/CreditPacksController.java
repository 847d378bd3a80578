package tech.flashback.creditpacks.packs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import tech.flashback.creditpacks.api.ApiError;

@RestController
public class CreditPacksController {

    private static final Logger log = LoggerFactory.getLogger(CreditPacksController.class);

    private final CreditPackCatalog catalog;

    public CreditPacksController(CreditPackCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping(path = "/credits/packs", produces = MediaType.APPLICATION_JSON_VALUE)
    public CreditPackList list() {
        return CreditPackList.of(catalog.available());
    }

    /** The store's failure is logged here and never shown to the client beyond the documented envelope. */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ApiError> storeFailed(DataAccessException failure) {
        log.error("Reading the credit pack catalog failed", failure);
        return ApiError.response(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Failed to retrieve credit packs");
    }
}
