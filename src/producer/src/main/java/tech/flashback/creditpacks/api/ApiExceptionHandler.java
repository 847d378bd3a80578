package tech.flashback.creditpacks.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Turns every failure that reaches Spring MVC into the API's JSON envelope. Spring's own
 * exceptions (no handler, wrong method, unacceptable media type, ...) carry their status and
 * headers (such as {@code Allow}); anything else is a 500 whose details stay in the log.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ApiError> handle(Exception failure) {
        if (failure instanceof ErrorResponse described) {
            return ApiError.forStatus(described.getStatusCode(), described.getHeaders());
        }
        if (DisconnectedClientHelper.isClientDisconnectedException(failure)) {
            // The client left before its response was written: nobody to answer, nothing to fix here.
            return null;
        }
        log.error("Unhandled failure", failure);
        return ApiError.forStatus(HttpStatus.INTERNAL_SERVER_ERROR, HttpHeaders.EMPTY);
    }
}
