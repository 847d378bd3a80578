package tech.flashback.creditpacks.packs;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The repository on H2, the embedded default. */
class H2CreditPackRepositoryTest extends CreditPackRepositoryContractTest {

    @Override
    DataSource freshDatabase() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }
}
