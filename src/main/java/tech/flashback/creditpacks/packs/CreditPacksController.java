package tech.flashback.creditpacks.packs;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import tech.flashback.creditpacks.api.ApiError;

@RestController
public class CreditPacksController {

    private static final Logger log = LoggerFactory.getLogger(CreditPacksController.class);

    /** A catalog snapshot and its JSON body, so an unchanged catalog is not serialized again. */
    private record Rendered(List<CreditPack> packs, byte[] body) {
    }

    private final CreditPackCatalog catalog;
    private final JsonMapper json;
    private volatile Rendered rendered;

    public CreditPacksController(CreditPackCatalog catalog, JsonMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    @GetMapping(path = "/credits/packs", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> list() {
        List<CreditPack> packs = catalog.available();
        Rendered current = rendered;
        // The catalog hands out the same list until it re-reads the store, so identity is enough.
        if (current == null || current.packs() != packs) {
            current = new Rendered(packs, json.writeValueAsBytes(CreditPackList.of(packs)));
            rendered = current;
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(current.body());
    }

    /** The store's failure is logged here and never shown to the client beyond the documented envelope. */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ApiError> storeFailed(DataAccessException failure) {
        log.error("Reading the credit pack catalog failed", failure);
        return ApiError.response(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Failed to retrieve credit packs");
    }
}
