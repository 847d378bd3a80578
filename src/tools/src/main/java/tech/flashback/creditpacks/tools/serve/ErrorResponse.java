package tech.flashback.creditpacks.tools.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import wiremock.jakarta.servlet.http.HttpServletResponse;

/**
 * A response the stub server gives itself, before WireMock sees the request, in the harness's
 * JSON envelope ({@code {"success": false, "error_code": ..., "message": ...}}).
 */
record ErrorResponse(int status, String errorCode, String message) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** What a message quotes of a client's header at most. */
    private static final int QUOTED_CHARACTERS = 120;

    static ErrorResponse refusedByAdmin(AdminAccess.Verdict verdict, String host, String origin, String fetchSite) {
        return switch (verdict) {
            case FOREIGN_HOST ->
                new ErrorResponse(
                        403,
                        "FOREIGN_HOST",
                        "The admin API answers only requests addressed to this"
                                + " machine by a loopback name or address (localhost, 127.0.0.1, [::1]) or the address the server is bound to,"
                                + " not to " + quoted(host) + ".");
            case CROSS_ORIGIN ->
                new ErrorResponse(
                        403,
                        "CROSS_ORIGIN_REFUSED",
                        "The admin API is for this machine's own tools,"
                                + " not for web pages: a request from "
                                + (origin != null
                                        ? "origin " + quoted(origin)
                                        : "a page (Sec-Fetch-Site: " + quoted(fetchSite) + ")")
                                + " is refused. Send it without an Origin header (curl, a test's HTTP client) or from the server's own origin.");
            case ALLOWED -> throw new IllegalArgumentException("An allowed request gets WireMock's response");
        };
    }

    static ErrorResponse tooLarge(String what) {
        return new ErrorResponse(
                413,
                "PAYLOAD_TOO_LARGE",
                "A request body may be at most " + RequestBodyLimit.MAX_BODY_BYTES + " bytes (1 MiB); " + what + ".");
    }

    static ErrorResponse notGzip() {
        return new ErrorResponse(
                400,
                "BAD_REQUEST",
                "The request body is marked or looks gzip-compressed (Content-Encoding: gzip,"
                        + " or its first bytes are gzip's), but is not valid gzip.");
    }

    byte[] body() {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("success", false);
        envelope.put("error_code", errorCode);
        envelope.put("message", message);
        return JSON.writeValueAsString(envelope).getBytes(StandardCharsets.UTF_8);
    }

    void write(HttpServletResponse response, boolean closeConnection) throws IOException {
        byte[] body = body();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (closeConnection) {
            response.setHeader("Connection", "close");
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** A client's value in a message: quoted, cut, control characters shown as '?'. */
    private static String quoted(String value) {
        if (value == null) {
            return "(none)";
        }
        String shown = value.length() > QUOTED_CHARACTERS ? value.substring(0, QUOTED_CHARACTERS) + "..." : value;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
