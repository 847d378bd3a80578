package tech.flashback.creditpacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tech.flashback.creditpacks.contracttests.ContractStubs;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole producer as a client meets it: real HTTP, embedded Tomcat, Flyway-seeded H2.
 * What the contracts cannot say (the default catalog's exact body, 404/405/406 envelopes) is
 * checked here.
 */
@PatientStore
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class ProducerHttpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void embeddedDefaultServesExactlyTheBodyOfThe200Stub() throws Exception {
        HttpResponse<String> response = send("GET", "/credits/packs", "Accept", "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(response.body())).isEqualTo(ContractStubs.responseBody("shouldReturnActivePacks"));
    }

    @Test
    void servesTheCatalogWhateverTheClientAccepts() throws Exception {
        JsonNode catalog = ContractStubs.responseBody("shouldReturnActivePacks");
        for (String accept : new String[] {null, "*/*", "application/*", "application/json, text/plain, */*"}) {
            HttpResponse<String> response =
                    accept == null ? send("GET", "/credits/packs") : send("GET", "/credits/packs", "Accept", accept);
            assertThat(response.statusCode()).as("Accept %s", accept).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .as("Accept %s", accept)
                    .hasValue("application/json");
            assertThat(JSON.readTree(response.body())).as("Accept %s", accept).isEqualTo(catalog);
        }
    }

    @Test
    void unknownPathIsAJson404() throws Exception {
        HttpResponse<String> response = send("GET", "/credits/unknown");

        assertEnvelope(response, 404, "NOT_FOUND");
    }

    @Test
    void wrongMethodIsAJson405ThatNamesTheAllowedMethods() throws Exception {
        HttpResponse<String> response = send("POST", "/credits/packs");

        assertEnvelope(response, 405, "METHOD_NOT_ALLOWED");
        assertThat(response.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    }

    @Test
    void nonJsonAcceptIsAJson406() throws Exception {
        HttpResponse<String> response = send("GET", "/credits/packs", "Accept", "application/xml");

        assertEnvelope(response, 406, "NOT_ACCEPTABLE");
    }

    private void assertEnvelope(HttpResponse<String> response, int status, String errorCode) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("success", "error_code", "message");
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error_code").asString()).isEqualTo(errorCode);
        assertThat(body.get("message").asString()).isNotBlank().doesNotContain("Exception");
    }

    private HttpResponse<String> send(String method, String path, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
