package tech.flashback.creditpacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import tech.flashback.creditpacks.contract.ContractStubs;

/**
 * A real PostgreSQL stops and starts again under a running producer (postgres profile, default
 * timeouts and catalog staleness bound): during the outage every request gets the documented 500
 * envelope within 2 s, and afterwards the catalog comes back without restarting the producer.
 */
class StoreOutageTest {

    private static final Duration ANSWER_BOUND = Duration.ofSeconds(2);
    // Shorter than the default 1 s, only so the test waits less; the bound itself is CreditPackCatalogTest's.
    private static final Duration STALENESS_BOUND = Duration.ofMillis(250);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path dataDirectory;
    private static int databasePort;
    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext producer;
    private static URI packs;

    @BeforeAll
    static void startDatabaseAndProducer() throws IOException {
        dataDirectory = TestPostgres.freshCluster();
        databasePort = FreePort.next();
        postgres = startDatabase();
        producer = new SpringApplicationBuilder(CreditPacksApplication.class)
                .profiles("postgres")
                // As an operator would: command-line properties override application-postgres.properties.
                .run("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres",
                        "--spring.datasource.username=postgres", "--spring.datasource.password=",
                        "--credit-packs.catalog.max-staleness=" + STALENESS_BOUND.toMillis() + "ms");
        int port = ((WebServerApplicationContext) producer).getWebServer().getPort();
        packs = URI.create("http://127.0.0.1:" + port + "/credits/packs");
    }

    @AfterAll
    static void stopAll() throws IOException {
        if (producer != null) {
            producer.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void answers500FastDuringAnOutageAndRecoversWithoutARestart() throws Exception {
        assertThat(get().statusCode()).isEqualTo(200);

        postgres.close();
        postgres = null;
        Thread.sleep(STALENESS_BOUND.toMillis() + 100);  // let the last good catalog expire
        long slowestMillis = 0;
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = get();
            long millis = (System.nanoTime() - started) / 1_000_000;
            slowestMillis = Math.max(slowestMillis, millis);

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(JSON.readTree(response.body()))
                    .isEqualTo(ContractStubs.responseBody("shouldReturnInternalErrorWhenStoreFails"));
            assertThat(Duration.ofMillis(millis)).isLessThan(ANSWER_BOUND);
        }

        long restarted = System.nanoTime();
        postgres = startDatabase();
        long databaseUpMillis = (System.nanoTime() - restarted) / 1_000_000;
        HttpResponse<String> recovered = get();
        while (recovered.statusCode() != 200 && System.nanoTime() - restarted < Duration.ofSeconds(20).toNanos()) {
            Thread.sleep(100);
            recovered = get();
        }
        long recoveryMillis = (System.nanoTime() - restarted) / 1_000_000;
        System.out.printf("outage: slowest 500 answer %d ms; database up again after %d ms; 200 again %d ms after the restart began%n",
                slowestMillis, databaseUpMillis, recoveryMillis);

        assertThat(recovered.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(recovered.body())).isEqualTo(ContractStubs.responseBody("shouldReturnActivePacks"));
    }

    /** The same server each time: same data directory, same port, so the producer's URL stays valid. */
    private static EmbeddedPostgres startDatabase() throws IOException {
        return TestPostgres.start(dataDirectory, databasePort);
    }

    private static HttpResponse<String> get() throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(packs).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

}
