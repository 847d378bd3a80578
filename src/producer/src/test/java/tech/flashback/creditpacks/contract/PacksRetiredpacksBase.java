package tech.flashback.creditpacks.contract;

import java.time.Duration;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.core.simple.JdbcClient;

import tech.flashback.creditpacks.contractstates.CatalogStates;
import tech.flashback.creditpacks.contractstates.ContractState;
import tech.flashback.creditpacks.packs.CreditPackCatalog;
import tech.flashback.creditpacks.packs.JdbcCreditPackRepository;

/**
 * State for contracts under {@code contracts/credits/packs/retiredpacks}: a real database (H2,
 * migrated by the producer's own Flyway scripts) put into the state by the same code as the
 * producer's state hook, read by the real repository, because hiding retired packs is the
 * store's query's job.
 */
public abstract class PacksRetiredpacksBase extends ContractBase {

    @BeforeEach
    void storeWithRetiredPacks() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(database).load().migrate();
        JdbcCreditPackRepository store = new JdbcCreditPackRepository(JdbcClient.create(database));
        new CatalogStates(database, new CreditPackCatalog(store, Duration.ZERO)).setUp(ContractState.RETIREDPACKS);
        serveFrom(store);
    }
}
