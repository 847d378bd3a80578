package tech.flashback.creditpacks.packs;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.flashback.creditpacks.FreePort;
import tech.flashback.creditpacks.TestPostgres;

/**
 * The repository on a real PostgreSQL server ({@link TestPostgres}): one server for the class,
 * a new database per test.
 */
class PostgresCreditPackRepositoryTest extends CreditPackRepositoryContractTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = TestPostgres.start(TestPostgres.freshCluster(), FreePort.next());
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    /** Only PostgreSQL's NUMERIC holds NaN, which no JSON number can carry. */
    @Test
    void leavesOutAPriceThatIsNotANumber() {
        withoutTheContractChecks();
        jdbc().sql(
                        "INSERT INTO credit_pack (id, name, code, credits, price) VALUES ('pack-nan', 'NaN', 'PACK_NAN', 10, 'NaN')")
                .update();

        assertThat(repository().findAvailable())
                .extracting(CreditPack::id)
                .containsExactly("pack-1", "pack-2", "pack-3");

        assertThat(repository().leftOutRows())
                .singleElement()
                .asString()
                .contains("id \"pack-nan\"", "price is NaN, not a number");
    }

    @Override
    DataSource freshDatabase() throws Exception {
        String name = "catalog_" + DATABASES.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return postgres.getDatabase("postgres", name);
    }
}
