package tech.flashback.creditpacks.packs;

import java.util.List;

import org.springframework.dao.DataAccessException;
import org.springframework.http.CacheControl;
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
        List<CreditPack> packs = catalog.available().packs();
        Rendered current = rendered;
        // The catalog hands out the same list until it re-reads the store, so identity is enough.
        if (current == null || current.packs() != packs) {
            current = new Rendered(packs, json.writeValueAsBytes(CreditPackList.of(packs)));
            rendered = current;
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(current.body());
    }

    /**
     * The documented 500. The catalog logs an outage once when it begins and once when it ends;
     * logging here would write a line (or a stack trace) per request while the store is down.
     */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ApiError> storeFailed(DataAccessException failure) {
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError("INTERNAL_ERROR", "Failed to retrieve credit packs"));
    }
}
