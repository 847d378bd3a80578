package tech.flashback.creditpacks;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;
import org.springframework.test.context.TestPropertySource;

/**
 * The store's bounds lifted, for a producer started by a test whose subject they are not: the
 * catalog's read timeout (500 ms), the pool's wait for a connection (500 ms), each query's (1 s)
 * and, on PostgreSQL, the driver's connect, login and socket timeouts (1 to 2 s). At load 19 a
 * cold read or a new PostgreSQL connection took longer than that, and a test of the body, the
 * headers or the state hook failed on a 500 or at start-up. {@code StoreOutageTest} keeps the
 * defaults: they are its subject.
 *
 * <p>On a {@code @SpringBootTest} class, this annotation sets them; a producer started from the
 * command line takes {@link #ARGUMENTS} (and {@link #POSTGRES_DRIVER_ARGUMENTS} on PostgreSQL).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestPropertySource(
        properties = {
            PatientStore.CATALOG_READ_TIMEOUT,
            PatientStore.POOL_CONNECTION_TIMEOUT,
            PatientStore.QUERY_TIMEOUT
        })
public @interface PatientStore {

    /** In seconds: how long any one exchange with the store may take before a test gives up on it. */
    long PATIENCE_SECONDS = 120;

    Duration PATIENCE = Duration.ofSeconds(PATIENCE_SECONDS);

    String CATALOG_READ_TIMEOUT = "credit-packs.catalog.read-timeout=" + PATIENCE_SECONDS + "s";
    String POOL_CONNECTION_TIMEOUT = "spring.datasource.hikari.connection-timeout=" + PATIENCE_SECONDS * 1000;
    String QUERY_TIMEOUT = "spring.jdbc.template.query-timeout=" + PATIENCE_SECONDS + "s";

    /** The same, as command-line arguments. */
    List<String> ARGUMENTS = List.of("--" + CATALOG_READ_TIMEOUT, "--" + POOL_CONNECTION_TIMEOUT, "--" + QUERY_TIMEOUT);

    /** The PostgreSQL driver's connect, login and socket bounds (the postgres profile sets 1 to 2 s), in seconds. */
    List<String> POSTGRES_DRIVER_ARGUMENTS = List.of(
            "--spring.datasource.hikari.data-source-properties.connectTimeout=" + PATIENCE_SECONDS,
            "--spring.datasource.hikari.data-source-properties.loginTimeout=" + PATIENCE_SECONDS,
            "--spring.datasource.hikari.data-source-properties.socketTimeout=" + PATIENCE_SECONDS);
}
