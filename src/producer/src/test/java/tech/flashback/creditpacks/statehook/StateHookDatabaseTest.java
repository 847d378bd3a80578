package tech.flashback.creditpacks.statehook;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import tech.flashback.creditpacks.CreditPacksApplication;
import tech.flashback.creditpacks.FreePort;
import tech.flashback.creditpacks.statehook.StubResponses.StubResponse;

/**
 * The state hook decides from the database the producer is really connected to, however it was
 * configured: on the embedded in-memory H2 it is on; on PostgreSQL (or an H2 file) it stays off,
 * touches nothing, and says why, unless {@value StateHookController#REAL_STORE} allows it.
 * {@code spring.datasource.url} keeps its embedded H2 default in the PostgreSQL cases but the
 * first, as it does for a team that configures its pool another way.
 *
 * <p>Isolated: its verdicts include the start-up WARN, read from the console, and other test
 * classes starting and stopping Spring applications meanwhile reset logging (Spring Boot silences
 * every logger while it does) and swap {@code System.out} for captures of their own.
 */
@Isolated
@ExtendWith(OutputCaptureExtension.class)
class StateHookDatabaseTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = HookProducer.startPostgres();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void servesTheHookOnTheEmbeddedInMemoryDatabaseAndWarnsThatItIsOn(CapturedOutput output) throws Exception {
        String url = "jdbc:h2:mem:hook-" + UUID.randomUUID();

        try (HookProducer producer = HookProducer.withHookOn(url)) {
            assertThat(producer.change("noactivepacks", "setup").statusCode()).isEqualTo(200);
            assertThat(StubResponses.published()
                            .get(ProducerState.NOACTIVEPACKS)
                            .matches(producer.packs()))
                    .isTrue();
        }
        assertThat(HookProducer.hookLinesNaming(url, output))
                .singleElement()
                .asString()
                .containsPattern(" WARN .*\\.StateHookSwitch +: ")
                .endsWith(": State hook on: POST /_contract/states lets any client rewrite the catalog or break"
                        + " its store (profile contract-states), on " + url
                        + ". For contract verification only; never enable it in production.");
    }

    @Test
    void refusesAStateHookOnPostgresConfiguredThroughTheDatasourceUrl(CapturedOutput output) throws Exception {
        String url = HookProducer.createDatabase(postgres, "through_datasource_url");

        assertHookOffAndStoreUntouched(
                url,
                output,
                hookProfile(),
                postgresDriver(
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password="));
    }

    @Test
    void refusesAStateHookOnPostgresConfiguredThroughHikari(CapturedOutput output) throws Exception {
        String url = HookProducer.createDatabase(postgres, "through_hikari");

        // As SPRING_DATASOURCE_HIKARI_JDBC_URL and its neighbours would; the URL's password must not reach the log.
        assertHookOffAndStoreUntouched(
                url,
                output,
                hookProfile(),
                postgresDriver(
                        "--spring.datasource.hikari.jdbc-url=" + url
                                + "?ApplicationName=hook-test&password=not-for-the-log",
                        "--spring.datasource.hikari.driver-class-name=org.postgresql.Driver",
                        "--spring.datasource.hikari.username=postgres",
                        "--spring.datasource.hikari.password="));
    }

    @Test
    void refusesAStateHookOnPostgresConfiguredThroughADataSourceBeanOfTheApplicationsOwn(CapturedOutput output)
            throws Exception {
        String url = HookProducer.createDatabase(postgres, "through_bean");

        assertHookOffAndStoreUntouched(
                url,
                output,
                new SpringApplicationBuilder(CreditPacksApplication.class, OwnDataSource.class)
                        .profiles(StateHookController.PROFILE),
                "--own-datasource.url=" + url);
    }

    @Test
    void refusesAStateHookOnAnH2FileDatabase(CapturedOutput output, @TempDir Path directory) throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("catalog").toAbsolutePath();

        assertHookOffAndStoreUntouched(url, output, hookProfile(), "--spring.datasource.url=" + url);
        assertThat(directory.resolve("catalog.mv.db"))
                .as("the file the producer's catalog was in")
                .isRegularFile();
    }

    @Test
    void refusesAStateHookWhenItCannotTellWhichDatabaseItIsOn(CapturedOutput output) throws Exception {
        // Nobody listens there, so the pool cannot hand out a connection at start-up.
        String url = "jdbc:postgresql://127.0.0.1:" + FreePort.next() + "/unreachable";

        try (HookProducer producer = HookProducer.start(
                hookProfile(),
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
                "--spring.flyway.enabled=false")) {
            assertThat(producer.change("noactivepacks", "setup").statusCode()).isEqualTo(404);
        }
        assertThat(HookProducer.hookLinesNaming("could not be identified", output))
                .singleElement()
                .asString()
                .containsPattern(" WARN .*\\.StateHookSwitch +: ")
                .contains(": State hook off: profile contract-states is active, but this producer's database is a"
                        + " database that could not be identified (no connection: ")
                .endsWith(
                        "), not the embedded in-memory H2 (jdbc:h2:mem:...) whose catalog the hook may delete and rewrite;"
                                + " POST /_contract/states answers 404. To allow the hook on this database (one kept for contract"
                                + " verification, never production), set credit-packs.contract-states.real-store=true.");
    }

    @Test
    void servesTheHookOnPostgresWhenTheRealStoreIsAllowed(CapturedOutput output) throws Exception {
        String url = HookProducer.createDatabase(postgres, "allowed");
        Map<ProducerState, StubResponse> stubResponses = StubResponses.published();

        try (HookProducer producer = HookProducer.start(
                hookProfile(),
                postgresDriver(
                        "--spring.datasource.hikari.jdbc-url=" + url,
                        "--spring.datasource.hikari.driver-class-name=org.postgresql.Driver",
                        "--spring.datasource.hikari.username=postgres",
                        "--" + StateHookController.REAL_STORE + "=true"))) {
            assertThat(producer.change("noactivepacks", "setup").statusCode()).isEqualTo(200);
            assertThat(stubResponses.get(ProducerState.NOACTIVEPACKS).matches(producer.packs()))
                    .isTrue();
            assertThat(rows(url)).extracting(row -> row.get(5)).containsOnly(false);

            assertThat(producer.change("noactivepacks", "teardown").statusCode())
                    .isEqualTo(200);
            assertThat(stubResponses.get(ProducerState.AVAILABLE).matches(producer.packs()))
                    .isTrue();
        }
        assertThat(HookProducer.hookLinesNaming(url, output))
                .singleElement()
                .asString()
                .endsWith(": State hook on: POST /_contract/states lets any client rewrite the catalog or break its"
                        + " store (profile contract-states), on " + url
                        + " (credit-packs.contract-states.real-store=true)."
                        + " For contract verification only; never enable it in production.");
    }

    /** A DataSource bean of the application's own, as a team that wires its pool by hand defines it. */
    static class OwnDataSource {

        @Bean
        DataSource dataSource(Environment environment) {
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(environment.getRequiredProperty("own-datasource.url"));
            pool.setUsername("postgres");
            pool.setConnectionTimeout(HookProducer.PATIENCE.toMillis());
            return pool;
        }
    }

    private static void assertHookOffAndStoreUntouched(
            String url, CapturedOutput output, SpringApplicationBuilder application, String... arguments)
            throws Exception {
        try (HookProducer producer = HookProducer.start(application, arguments)) {
            List<List<Object>> seeded = rows(url);
            HttpResponse<String> noSuchEndpoint = producer.postJson("/_contract/nothing-here", "{}");

            for (String state : List.of("noactivepacks", "storefailure")) {
                HttpResponse<String> refused = producer.change(state, "setup");

                assertThat(refused.statusCode()).isEqualTo(404);
                assertThat(refused.headers().firstValue("Content-Type"))
                        .isEqualTo(noSuchEndpoint.headers().firstValue("Content-Type"));
                assertThat(refused.body())
                        .isEqualTo(noSuchEndpoint.body())
                        .isEqualTo(
                                "{\"success\":false,\"error_code\":\"NOT_FOUND\",\"message\":\"No endpoint matches this path\"}");
            }
            assertThat(rows(url))
                    .as("the catalog, read back after the refused state changes")
                    .isEqualTo(seeded)
                    .hasSize(5);
            assertThat(producer.packs().statusCode()).isEqualTo(200);
        }
        assertThat(HookProducer.hookLinesNaming(url, output))
                .singleElement()
                .asString()
                .containsPattern(" WARN .*\\.StateHookSwitch +: ")
                .doesNotContain("not-for-the-log")
                .endsWith(
                        ": State hook off: profile contract-states is active, but this producer's database is "
                                + url
                                + ", not the embedded in-memory H2 (jdbc:h2:mem:...) whose catalog the hook may delete and"
                                + " rewrite; POST /_contract/states answers 404. To allow the hook on this database (one kept for"
                                + " contract verification, never production), set credit-packs.contract-states.real-store=true.");
    }

    /** Every row of the catalog table, straight from the database, each as its columns' values. */
    private static List<List<Object>> rows(String url) throws SQLException {
        try (Connection connection = url.startsWith("jdbc:postgresql:")
                        ? DriverManager.getConnection(url, "postgres", "")
                        : DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT id, name, code, credits, price, active, deleted_at FROM credit_pack ORDER BY id")) {
            List<List<Object>> rows = new ArrayList<>();
            while (row.next()) {
                List<Object> values = new ArrayList<>();
                for (int column = 1; column <= 7; column++) {
                    values.add(row.getObject(column));
                }
                rows.add(values);
            }
            return rows;
        }
    }

    private static SpringApplicationBuilder hookProfile() {
        return new SpringApplicationBuilder(CreditPacksApplication.class).profiles(StateHookController.PROFILE);
    }

    private static String[] postgresDriver(String... arguments) {
        List<String> all = new ArrayList<>(HookProducer.PATIENT_POSTGRES_DRIVER);
        all.addAll(List.of(arguments));
        return all.toArray(String[]::new);
    }
}
