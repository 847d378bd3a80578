package tech.flashback.creditpacks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The producer as deployed (postgres profile, its default timeouts) over a real PostgreSQL server
 * of its own on loopback, and the ways a store fails in production: frozen (every PostgreSQL
 * process stopped with SIGSTOP: connections open, nothing answers), the catalog table locked by
 * another transaction, and the server stopped and started again on the same port and data.
 */
final class PostgresProducer implements AutoCloseable {

    private final Path cluster;
    private final int databasePort;
    private EmbeddedPostgres postgres;
    private final ConfigurableApplicationContext producer;
    private final int port;
    private List<Long> frozen = List.of();

    PostgresProducer(String... extraArguments) throws IOException {
        cluster = TestPostgres.freshCluster();
        databasePort = FreePort.next();
        postgres = TestPostgres.start(cluster, databasePort);
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                // As an operator would: command-line properties override application-postgres.properties.
                "--spring.datasource.url=" + jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                // The migrations at start-up on a connection of their own, with the driver's bounds
                // lifted: on a busy machine the pool's 500 ms for a new connection failed the start.
                // The pool the catalog reads through keeps the bounds it is given.
                "--spring.flyway.url=" + jdbcUrl() + "?connectTimeout=" + PatientStore.PATIENCE_SECONDS
                        + "&loginTimeout=" + PatientStore.PATIENCE_SECONDS + "&socketTimeout="
                        + PatientStore.PATIENCE_SECONDS,
                "--spring.flyway.user=postgres",
                "--spring.flyway.password="));
        arguments.addAll(List.of(extraArguments));
        producer = new SpringApplicationBuilder(CreditPacksApplication.class)
                .profiles("postgres")
                .run(arguments.toArray(String[]::new));
        port = ((WebServerApplicationContext) producer).getWebServer().getPort();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A bean of the running producer. */
    <T> T bean(Class<T> type) {
        return producer.getBean(type);
    }

    /** A connection of the test's own, straight to the database (not through the producer's pool). */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** SIGSTOP to the postmaster and every backend: sockets stay open, nothing answers. */
    void freeze() throws IOException, InterruptedException {
        long postmaster = Long.parseLong(
                Files.readAllLines(cluster.resolve("postmaster.pid")).get(0).trim());
        List<Long> processes = new ArrayList<>();
        processes.add(postmaster);
        ProcessHandle.of(postmaster)
                .ifPresent(handle -> handle.descendants().forEach(child -> processes.add(child.pid())));
        signal("-STOP", processes);
        frozen = processes;
    }

    void thaw() throws IOException, InterruptedException {
        signal("-CONT", frozen);
        frozen = List.of();
    }

    /** Holds an exclusive lock on the catalog table until the returned connection is closed. */
    Connection lockCatalog() throws SQLException {
        Connection connection = connect();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE credit_pack IN ACCESS EXCLUSIVE MODE");
        }
        return connection;
    }

    void stopDatabase() throws IOException {
        postgres.close();
        postgres = null;
    }

    /** The same server again: same data directory, same port, so the producer's URL stays valid. */
    void startDatabase() throws IOException {
        postgres = TestPostgres.start(cluster, databasePort);
    }

    @Override
    public void close() throws Exception {
        if (!frozen.isEmpty()) {
            thaw();
        }
        producer.close();
        if (postgres != null) {
            postgres.close();
        }
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres";
    }

    private static void signal(String signal, List<Long> processes) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        processes.forEach(pid -> command.add(pid.toString()));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill " + signal + " " + processes + " failed: "
                    + new String(kill.getInputStream().readAllBytes()));
        }
    }
}
