package tech.flashback.creditpacks.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The API's error envelope: {@code {"success": false, "error_code": ..., "message": ...}}. */
public record ApiError(
        boolean success, @JsonProperty("error_code") String errorCode, String message) {

    public ApiError(String errorCode, String message) {
        this(false, errorCode, message);
    }

    public static ResponseEntity<ApiError> response(HttpStatusCode status, String errorCode, String message) {
        return response(status, HttpHeaders.EMPTY, new ApiError(errorCode, message));
    }

    /** The generic envelope for a status that no handler describes more precisely. */
    public static ResponseEntity<ApiError> forStatus(HttpStatusCode status, HttpHeaders headers) {
        return response(status, headers, describing(status));
    }

    /**
     * The content type is set here, not negotiated: a client that asked for XML (or anything
     * else) still gets a readable JSON error instead of an empty 406 from the converter.
     */
    private static ResponseEntity<ApiError> response(HttpStatusCode status, HttpHeaders headers, ApiError body) {
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }

    /** The generic error body for a status: a stable error_code and a message for humans. */
    public static ApiError describing(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        // Tomcat answers these two itself, for requests it cannot take: they are the client's to fix.
        if (known == HttpStatus.NOT_IMPLEMENTED) {
            return new ApiError(
                    "NOT_IMPLEMENTED",
                    "The request uses a feature this server does not implement, such as an unknown transfer coding");
        }
        if (known == HttpStatus.HTTP_VERSION_NOT_SUPPORTED) {
            return new ApiError("HTTP_VERSION_NOT_SUPPORTED", "This server speaks HTTP/1.1 (and HTTP/1.0)");
        }
        if (known == null || status.is5xxServerError()) {
            return new ApiError("INTERNAL_ERROR", "The server could not complete the request");
        }
        return switch (known) {
            case NOT_FOUND -> new ApiError("NOT_FOUND", "No endpoint matches this path");
            case METHOD_NOT_ALLOWED ->
                new ApiError(
                        "METHOD_NOT_ALLOWED",
                        "This method is not allowed on this path; the Allow header lists the ones that are");
            case NOT_ACCEPTABLE -> new ApiError("NOT_ACCEPTABLE", "This endpoint only produces application/json");
            case BAD_REQUEST ->
                new ApiError(
                        "BAD_REQUEST",
                        "The request is malformed: check its path, its encoding and the size of its headers");
            default -> new ApiError(known.name(), known.getReasonPhrase());
        };
    }
}
