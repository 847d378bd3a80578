package tech.flashback.creditpacks;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tech.flashback.creditpacks.RawHttp.Response;
import tech.flashback.creditpacks.contracttests.ContractStubs;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile or merely unusual requests, sent raw over a socket to the real server: each gets a
 * fitting status and, where a body is allowed, the JSON envelope, and nothing anywhere in the
 * response reveals a stack trace, a class name or the server software. The table is in the README.
 */
@PatientStore
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class BadInputTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HUGE_HEADER = "X-Padding: " + "a".repeat(64 * 1024);
    private static final String ELEVEN_LOCALES = "Accept-Language: "
            + "en-US,fr-FR;q=0.9,de-DE;q=0.8,es-ES;q=0.7,it-IT;q=0.6,pt-BR;q=0.5,ja-JP;q=0.4,ko-KR;q=0.3,zh-CN;q=0.2,ru-RU;q=0.1,nl-NL;q=0.1";
    private static final String FIFTY_ONE_TYPES = "Accept: "
            + IntStream.range(0, 50).mapToObj(i -> "application/x-type-" + i).collect(Collectors.joining(", "))
            + ", application/json";

    @LocalServerPort
    int port;

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("unknown path", "GET", "/credits/unknown", new String[0], 404, "NOT_FOUND"),
                Arguments.of(
                        "POST",
                        "POST",
                        "/credits/packs",
                        new String[] {"Content-Length: 0"},
                        405,
                        "METHOD_NOT_ALLOWED"),
                Arguments.of(
                        "PUT", "PUT", "/credits/packs", new String[] {"Content-Length: 0"}, 405, "METHOD_NOT_ALLOWED"),
                Arguments.of("DELETE", "DELETE", "/credits/packs", new String[0], 405, "METHOD_NOT_ALLOWED"),
                Arguments.of(
                        "PATCH",
                        "PATCH",
                        "/credits/packs",
                        new String[] {"Content-Length: 0"},
                        405,
                        "METHOD_NOT_ALLOWED"),
                // Tomcat answers TRACE itself (its Allow header lists every method the servlet has): never an echo.
                Arguments.of("TRACE", "TRACE", "/credits/packs", new String[0], 405, "METHOD_NOT_ALLOWED"),
                Arguments.of(
                        "Accept: application/xml",
                        "GET",
                        "/credits/packs",
                        new String[] {"Accept: application/xml"},
                        406,
                        "NOT_ACCEPTABLE"),
                Arguments.of(
                        "unknown query parameters",
                        "GET",
                        "/credits/packs?page=2&sort=desc&simulate=internal-error",
                        new String[0],
                        200,
                        null),
                Arguments.of(
                        "path with .. inside", "GET", "/credits/../credits/packs", new String[0], 404, "NOT_FOUND"),
                Arguments.of(
                        "path escaping the root with ..",
                        "GET",
                        "/../../etc/passwd",
                        new String[0],
                        400,
                        "BAD_REQUEST"),
                Arguments.of("encoded slash", "GET", "/credits%2Fpacks", new String[0], 400, "BAD_REQUEST"),
                Arguments.of("64 KiB header", "GET", "/credits/packs", new String[] {HUGE_HEADER}, 400, "BAD_REQUEST"),
                Arguments.of(
                        "malformed percent-encoding", "GET", "/credits/packs%zz", new String[0], 400, "BAD_REQUEST"),
                // Tomcat refuses more than 10 locales (a 500 and a stack trace per request); the API has one language.
                Arguments.of(
                        "11 locales in Accept-Language",
                        "GET",
                        "/credits/packs",
                        new String[] {ELEVEN_LOCALES},
                        200,
                        null),
                // Spring refuses to sort more than 50 media ranges; only those that match JSON matter.
                Arguments.of(
                        "50 other types and JSON in Accept",
                        "GET",
                        "/credits/packs",
                        new String[] {FIFTY_ONE_TYPES},
                        200,
                        null),
                Arguments.of(
                        "a transfer coding Tomcat does not know",
                        "GET",
                        "/credits/packs",
                        new String[] {"Transfer-Encoding: gzip"},
                        501,
                        "NOT_IMPLEMENTED"));
    }

    static Stream<Arguments> otherProtocols() {
        return Stream.of(
                Arguments.of("HTTP/2.0", 505, "HTTP_VERSION_NOT_SUPPORTED"),
                Arguments.of("HTTP/3.0", 505, "HTTP_VERSION_NOT_SUPPORTED"),
                Arguments.of("HTTP/1.0", 200, null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("otherProtocols")
    void otherProtocolVersionsGetAnEnvelopeThatSaysSo(String version, int status, String errorCode) throws Exception {
        List<ILoggingEvent> logged = LogCapture.during(null, () -> {
            Response response = RawHttp.sendAs(version, port, "GET", "/credits/packs");

            assertJsonResponse(response, status, errorCode);
            assertRevealsNothing(response);
        });

        assertThat(logged)
                .as("stack traces logged")
                .filteredOn(LogCapture::onRequestThread)
                .noneMatch(LogCapture::hasStackTrace);
    }

    /** A form body used to be parsed before the method was checked, and a malformed one answered 500. */
    @Test
    void aFormBodyOnAnotherMethodGetsThe405() throws Exception {
        List<ILoggingEvent> logged = LogCapture.during(null, () -> {
            Response response = RawHttp.sendWithBody(
                    port, "PUT", "/credits/packs", "a=%zz", "Content-Type: application/x-www-form-urlencoded");

            assertJsonResponse(response, 405, "METHOD_NOT_ALLOWED");
            assertRevealsNothing(response);
        });

        assertThat(logged)
                .as("stack traces logged")
                .filteredOn(LogCapture::onRequestThread)
                .noneMatch(LogCapture::hasStackTrace);
    }

    @ParameterizedTest(name = "{0} -> {4}")
    @MethodSource("requests")
    void answersWithAJsonEnvelopeAndNoInternals(
            String name, String method, String target, String[] headers, int status, String errorCode)
            throws Exception {
        List<ILoggingEvent> logged = LogCapture.during(null, () -> {
            Response response = RawHttp.send(port, method, target, headers);

            assertJsonResponse(response, status, errorCode);
            if (status == 405 && !method.equals("TRACE")) {
                // Only what the endpoint answers: a client must not be told to retry with POST.
                assertThat(response.headers().get("allow"))
                        .contains("GET")
                        .doesNotContain("POST", "PUT", "DELETE", "PATCH", "TRACE");
            }
            assertRevealsNothing(response);
        });

        // A client's mistake is answered, not logged as the server's: no stack trace per request.
        assertThat(logged)
                .as("stack traces logged")
                .filteredOn(LogCapture::onRequestThread)
                .noneMatch(LogCapture::hasStackTrace);
    }

    private static void assertJsonResponse(Response response, int status, String errorCode) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.headers().get("content-type")).startsWith("application/json");
        assertThat(response.headers().get("x-content-type-options")).isEqualTo("nosniff");
        JsonNode body = JSON.readTree(response.body());
        if (errorCode == null) {
            assertThat(body).isEqualTo(ContractStubs.responseBody("shouldReturnActivePacks"));
        } else {
            assertThat(body.propertyNames()).containsExactlyInAnyOrder("success", "error_code", "message");
            assertThat(body.get("success").asBoolean()).isFalse();
            assertThat(body.get("error_code").asString()).isEqualTo(errorCode);
            assertThat(body.get("message").asString()).isNotBlank();
        }
    }

    @Test
    void headAnswersLikeGetWithoutABody() throws Exception {
        Response response = RawHttp.send(port, "HEAD", "/credits/packs");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("content-type")).isEqualTo("application/json");
        assertThat(response.body()).isEmpty();
        assertRevealsNothing(response);
    }

    @Test
    void optionsListsTheAllowedMethods() throws Exception {
        Response response = RawHttp.send(port, "OPTIONS", "/credits/packs");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("allow"))
                .contains("GET", "HEAD", "OPTIONS")
                .doesNotContain("POST");
        assertThat(response.body()).isEmpty();
        assertRevealsNothing(response);
    }

    private static void assertRevealsNothing(Response response) {
        assertThat(response.raw())
                .doesNotContainIgnoringCase("exception")
                .doesNotContain("\tat ", ".java:", "org.springframework", "org.apache", "tech.flashback")
                .doesNotContainIgnoringCase("tomcat")
                .doesNotContainIgnoringCase("<html");
        assertThat(response.headers()).doesNotContainKeys("server", "x-powered-by");
    }
}
