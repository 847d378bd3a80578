package tech.flashback.creditpacks.packs;

import java.time.Duration;
import java.util.List;
import org.springframework.dao.DataAccessException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tech.flashback.creditpacks.api.ApiError;
import tools.jackson.databind.json.JsonMapper;

@RestController
public class CreditPacksController {

    private final CreditPackCatalog catalog;
    private final JsonMapper json;
    private volatile RenderedCatalog rendered;

    public CreditPacksController(CreditPackCatalog catalog, JsonMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    /**
     * The catalog, with a strong ETag (Spring answers a matching {@code If-None-Match} with 304)
     * and a {@code Cache-Control} whose max-age is what is left of this catalog's staleness bound:
     * a client that honours it never holds a pack longer than the service itself would serve it.
     * A large catalog is sent gzip-compressed to clients that accept it.
     */
    @GetMapping(path = "/credits/packs", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> list(
            @RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
        CreditPackCatalog.Snapshot snapshot = catalog.available();
        RenderedCatalog current = render(snapshot.packs());
        RenderedCatalog.Representation representation = current.forAcceptEncoding(acceptEncoding);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .eTag(representation.etag())
                .cacheControl(CacheControl.maxAge(Duration.ofSeconds(snapshot.secondsFreshAt(System.nanoTime())))
                        .mustRevalidate()
                        .cachePublic());
        if (current.variesByEncoding()) {
            response.varyBy(HttpHeaders.ACCEPT_ENCODING);
        }
        if (representation.compressed()) {
            response.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        return response.body(representation.body());
    }

    private RenderedCatalog render(List<CreditPack> packs) {
        RenderedCatalog current = rendered;
        // The catalog hands out the same list until it re-reads the store, so identity is enough.
        if (current == null || current.packs() != packs) {
            current = RenderedCatalog.of(packs, json);
            rendered = current;
        }
        return current;
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
