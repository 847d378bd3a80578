package tech.flashback.creditpacks.contractstates;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import tech.flashback.creditpacks.CreditPacksApplication;
import tech.flashback.creditpacks.FreePort;
import tech.flashback.creditpacks.TestPostgres;

/**
 * The state hook rewrites the catalog and breaks the store on request, so it must not exist in
 * the configurations the producer runs in for real: the embedded default and {@code postgres}.
 */
class ContractStatesHookAbsentTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theDefaultConfigurationHasNoStateHook() throws Exception {
        try (ConfigurableApplicationContext producer = new SpringApplicationBuilder(CreditPacksApplication.class)
                .run(arguments("--spring.datasource.url=jdbc:h2:mem:no-hook-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"))) {
            assertNoHook(producer);
        }
    }

    @Test
    void thePostgresProfileHasNoStateHook() throws Exception {
        try (EmbeddedPostgres postgres = TestPostgres.start(TestPostgres.freshCluster(), FreePort.next());
                ConfigurableApplicationContext producer = new SpringApplicationBuilder(CreditPacksApplication.class).profiles("postgres")
                        .run(arguments("--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
                                "--spring.datasource.username=postgres", "--spring.datasource.password="))) {
            assertNoHook(producer);
        }
    }

    @Test
    void onPostgresTheHookProfileAloneIsNotEnoughTheRealStoreMustBeAllowed() throws Exception {
        try (EmbeddedPostgres postgres = TestPostgres.start(TestPostgres.freshCluster(), FreePort.next())) {
            String[] database = {"--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
                    "--spring.datasource.username=postgres", "--spring.datasource.password="};
            try (ConfigurableApplicationContext producer = new SpringApplicationBuilder(CreditPacksApplication.class)
                    .profiles("postgres", ContractStatesController.PROFILE).run(arguments(database))) {
                assertNoHook(producer);
            }
            String[] allowed = java.util.Arrays.copyOf(database, database.length + 1);
            allowed[database.length] = "--" + StateHookAllowed.REAL_STORE + "=true";
            try (ConfigurableApplicationContext producer = new SpringApplicationBuilder(CreditPacksApplication.class)
                    .profiles("postgres", ContractStatesController.PROFILE).run(arguments(allowed))) {
                assertThat(stateChange(producer).statusCode()).isEqualTo(200);
            }
        }
    }

    private static String[] arguments(String... more) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off"));
        arguments.addAll(List.of(more));
        return arguments.toArray(String[]::new);
    }

    private static void assertNoHook(ConfigurableApplicationContext producer) throws Exception {
        HttpResponse<String> response = stateChange(producer);

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error_code").asString()).isEqualTo("NOT_FOUND");
        assertThat(producer.getBeansOfType(ContractStatesController.class)).isEmpty();
    }

    private static HttpResponse<String> stateChange(ConfigurableApplicationContext producer) throws Exception {
        int port = ((WebServerApplicationContext) producer).getWebServer().getPort();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + ContractStatesController.PATH)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"state\":\"available\",\"action\":\"setup\",\"params\":{}}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
