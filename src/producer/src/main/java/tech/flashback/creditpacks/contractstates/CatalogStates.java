package tech.flashback.creditpacks.contractstates;

import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import tech.flashback.creditpacks.packs.CreditPackCatalog;

/**
 * Puts the real store into a contract's producer state, and back: what the state hook does for a
 * running producer, and what the generated contract tests use where a state is about the store's
 * own behaviour. Every change is followed by {@link CreditPackCatalog#refresh()}, so the next
 * request reads the store instead of a catalog remembered from before.
 */
public class CatalogStates {

    /** The catalog's seed, the same script Flyway runs on a new database: teardown restores it. */
    private static final ClassPathResource SEED = new ClassPathResource("db/migration/V2__seed_catalog.sql");
    /** Where {@link ContractState#STOREFAILURE} moves the table, so that every read really fails. */
    private static final String MOVED_AWAY = "credit_pack_unavailable";
    private static final Duration SETTLE_WITHIN = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final CreditPackCatalog catalog;

    public CatalogStates(DataSource dataSource, CreditPackCatalog catalog) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.catalog = catalog;
    }

    public synchronized void setUp(ContractState state) {
        restoreSeed();
        switch (state) {
            case AVAILABLE -> { }
            case NOACTIVEPACKS -> jdbc.sql("UPDATE credit_pack SET active = FALSE").update();
            case RETIREDPACKS -> {
                // Hidden in each of the ways a pack can be: inactive, soft-deleted, both.
                insertHidden("retired-inactive", "RETIRED_INACTIVE", false, false);
                insertHidden("retired-deleted", "RETIRED_DELETED", true, true);
                insertHidden("retired-both", "RETIRED_BOTH", false, true);
            }
            case STOREFAILURE -> jdbc.sql("ALTER TABLE credit_pack RENAME TO " + MOVED_AWAY).update();
        }
        settle(state != ContractState.STOREFAILURE);
    }

    /** Back to the seeded catalog and a working store, whatever state came before. */
    public synchronized void tearDown() {
        restoreSeed();
        settle(true);
    }

    /**
     * The catalog forgets what it remembered and reads the store again before the hook answers, so
     * the state is in place when the verifier's request comes (as Pact expects of a state change),
     * even when a busy machine makes the first read slower than the catalog waits for a request.
     */
    private void settle(boolean storeWorks) {
        catalog.refresh();
        long deadline = System.nanoTime() + SETTLE_WITHIN.toNanos();
        while (true) {
            try {
                catalog.available();
                return;
            } catch (DataAccessException failure) {
                if (!storeWorks || System.nanoTime() > deadline) {
                    return;
                }
                catalog.refresh();
            }
        }
    }

    private void restoreSeed() {
        if (tableExists(MOVED_AWAY)) {
            jdbc.sql("ALTER TABLE " + MOVED_AWAY + " RENAME TO credit_pack").update();
        }
        jdbc.sql("DELETE FROM credit_pack").update();
        new ResourceDatabasePopulator(SEED).execute(dataSource);
    }

    private void insertHidden(String id, String code, boolean active, boolean deleted) {
        jdbc.sql("""
                INSERT INTO credit_pack (id, name, code, credits, price, active, deleted_at)
                VALUES (:id, :name, :code, 10, 1.00, :active, CASE WHEN :deleted THEN CURRENT_TIMESTAMP END)""")
                .param("id", id).param("name", "Hidden " + id).param("code", code)
                .param("active", active).param("deleted", deleted)
                .update();
    }

    private boolean tableExists(String name) {
        // H2 keeps unquoted names in upper case, PostgreSQL in lower case.
        return jdbc.sql("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = :name")
                .param("name", name).query(Integer.class).single() > 0;
    }
}
