package tech.flashback.creditpacks.statehook;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tech.flashback.creditpacks.CreditPacksApplication;
import tech.flashback.creditpacks.FreePort;
import tech.flashback.creditpacks.PatientStore;
import tech.flashback.creditpacks.TestPostgres;

/**
 * A producer started by a test of the state hook, on loopback and a free port, with every
 * timeout of the store and the catalog far beyond what a busy machine takes: these tests are
 * about what the hook does, so no verdict may hinge on a read that took 600 ms at load 19.
 */
final class HookProducer implements AutoCloseable {

    /** How long any single exchange with a test's producer may take before the test gives up on it. */
    static final Duration PATIENCE = PatientStore.PATIENCE;

    /** The catalog and JDBC bounds, lifted (they are the subject of StoreOutageTest, not of these tests). */
    static final List<String> PATIENT_STORE = PatientStore.ARGUMENTS;

    /** The PostgreSQL driver's own connect, login and socket bounds (the postgres profile sets 1 to 2 s). */
    static final List<String> PATIENT_POSTGRES_DRIVER = PatientStore.POSTGRES_DRIVER_ARGUMENTS;

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(PATIENCE)
            .build();

    private final ConfigurableApplicationContext context;
    final int port;

    private HookProducer(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** With the hook's profile, on an embedded in-memory database of its own. */
    static HookProducer withHookOnEmbeddedDatabase(String... more) {
        return withHookOn("jdbc:h2:mem:hook-" + UUID.randomUUID(), more);
    }

    /** With the hook's profile, on the embedded in-memory database {@code h2Url} (kept while the producer runs). */
    static HookProducer withHookOn(String h2Url, String... more) {
        List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + h2Url + ";DB_CLOSE_DELAY=-1"));
        arguments.addAll(List.of(more));
        return start(
                new SpringApplicationBuilder(CreditPacksApplication.class).profiles(StateHookController.PROFILE),
                arguments.toArray(String[]::new));
    }

    /** {@code application} as given, on loopback, a free port, and the patient timeouts. */
    static HookProducer start(SpringApplicationBuilder application, String... more) {
        List<String> arguments = new ArrayList<>(
                List.of("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off"));
        arguments.addAll(PATIENT_STORE);
        arguments.addAll(List.of(more));
        return new HookProducer(application.run(arguments.toArray(String[]::new)));
    }

    /**
     * The lines of {@code output} about the state hook that name {@code marker}: other test classes
     * start producers in this JVM at the same time, so a test finds its own producer's lines by what
     * only they name.
     * (Start-up lines are read from the console: Spring Boot resets logback while starting, which
     * detaches any appender a test adds before.)
     */
    static List<String> hookLinesNaming(String marker, CapturedOutput output) {
        return output.getAll()
                .lines()
                .filter(line -> line.contains("State hook ") && line.contains(marker))
                .toList();
    }

    /**
     * A real PostgreSQL server on 127.0.0.1, on a copy of the test JVM's fresh cluster. Started here
     * rather than by TestPostgres.start for its start-up wait: the default 10 s is not always enough
     * at load 19.
     */
    static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(TestPostgres.freshCluster())
                .setCleanDataDirectory(false)
                .setPort(FreePort.next())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(PATIENCE)
                .start();
    }

    /** A new, empty database on {@code postgres}, and its JDBC URL. */
    static String createDatabase(EmbeddedPostgres postgres, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgresUrl(postgres, "postgres"), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return postgresUrl(postgres, name);
    }

    static String postgresUrl(EmbeddedPostgres postgres, String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    HttpResponse<String> packs() throws IOException, InterruptedException {
        return CLIENT.send(
                HttpRequest.newBuilder(uri("/credits/packs"))
                        .timeout(PATIENCE)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A state change as this project's own remote verification sends it: a JSON body. */
    HttpResponse<String> stateChange(String json) throws IOException, InterruptedException {
        return postJson(StateHookController.PATH, json);
    }

    HttpResponse<String> postJson(String pathAndQuery, String json) throws IOException, InterruptedException {
        return CLIENT.send(
                HttpRequest.newBuilder(uri(pathAndQuery))
                        .timeout(PATIENCE)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> change(String state, String action) throws IOException, InterruptedException {
        return stateChange("{\"state\":\"" + state + "\",\"action\":\"" + action + "\",\"params\":{}}");
    }

    @Override
    public void close() {
        context.close();
    }
}
