package tech.flashback.creditpacks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tech.flashback.creditpacks.RawHttp.Response;
import tech.flashback.creditpacks.contracttests.ContractStubs;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference page's {@code fetch} sample from a web page on another origin: CORS for GET and
 * HEAD, preflight included, with only the endpoint's real methods; any origin by default.
 */
@PatientStore
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class BrowserAccessTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PAGE = "Origin: https://shop.example";

    @LocalServerPort
    int port;

    @Test
    void aPageOnAnyOriginMayReadTheCatalogAndItsETag() throws Exception {
        Response response = RawHttp.send(port, "GET", "/credits/packs", PAGE, "Accept: application/json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers())
                .containsEntry("access-control-allow-origin", "*")
                .containsEntry("access-control-expose-headers", "ETag")
                .doesNotContainKey("access-control-allow-credentials");
        assertThat(JSON.readTree(response.body())).isEqualTo(ContractStubs.responseBody("shouldReturnActivePacks"));
    }

    @Test
    void headFromAnotherOriginIsAllowedToo() throws Exception {
        Response response = RawHttp.send(port, "HEAD", "/credits/packs", PAGE);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("access-control-allow-origin", "*");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void aPreflightIsAnsweredWithOnlyTheEndpointsMethods() throws Exception {
        Response response = RawHttp.send(
                port,
                "OPTIONS",
                "/credits/packs",
                PAGE,
                "Access-Control-Request-Method: GET",
                "Access-Control-Request-Headers: if-none-match, x-request-id");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers())
                .containsEntry("access-control-allow-origin", "*")
                .containsEntry("access-control-allow-methods", "GET,HEAD")
                .containsEntry("access-control-allow-headers", "if-none-match, x-request-id")
                .containsEntry("access-control-max-age", "3600")
                .doesNotContainKey("allow");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void aPreflightForAnotherMethodIsRefusedInTheEnvelope() throws Exception {
        Response response =
                RawHttp.send(port, "OPTIONS", "/credits/packs", PAGE, "Access-Control-Request-Method: POST");

        assertCorsRejected(response);
    }

    @Test
    void errorResponsesCanBeReadByThePageToo() throws Exception {
        Response response = RawHttp.send(port, "GET", "/credits/packs", PAGE, "Accept: application/xml");

        assertThat(response.status()).isEqualTo(406);
        assertThat(response.headers()).containsEntry("access-control-allow-origin", "*");
        assertThat(JSON.readTree(response.body()).get("error_code").asString()).isEqualTo("NOT_ACCEPTABLE");
    }

    @Test
    void configuredOriginsNarrowWhoMayRead() throws Exception {
        try (ConfigurableApplicationContext narrowed = new SpringApplicationBuilder(CreditPacksApplication.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--spring.main.banner-mode=off",
                        "--spring.datasource.url=jdbc:h2:mem:browser-access;DB_CLOSE_DELAY=-1",
                        "--credit-packs.cors.allowed-origins=https://*.flashback.tech")) {
            int narrowedPort =
                    ((WebServerApplicationContext) narrowed).getWebServer().getPort();

            Response own = RawHttp.send(narrowedPort, "GET", "/credits/packs", "Origin: https://app.flashback.tech");
            Response other = RawHttp.send(narrowedPort, "GET", "/credits/packs", PAGE);

            assertThat(own.status()).isEqualTo(200);
            assertThat(own.headers()).containsEntry("access-control-allow-origin", "https://app.flashback.tech");
            assertCorsRejected(other);
        }
    }

    private static void assertCorsRejected(Response response) {
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.headers()).doesNotContainKey("access-control-allow-origin");
        assertThat(response.headers().get("content-type")).startsWith("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("success", "error_code", "message");
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error_code").asString()).isEqualTo("CORS_REJECTED");
    }
}
