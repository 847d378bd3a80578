package tech.flashback.creditpacks.statehook;

import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;
import tech.flashback.creditpacks.packs.CreditPackCatalog;

/**
 * Puts the real store into a contract's producer state, and back: what the state hook does for a
 * running producer, and what the generated contract tests use where a state is about the store's
 * own behaviour.
 *
 * <p>Each change goes through {@link CreditPackCatalog#change}, so no request is served from the
 * store half-changed (between the delete and the re-seed, say): requests get the state before or
 * the state after, and the state after is in place, read from the store, when this returns, as
 * Pact expects of a state change. The statements of a change also run in one transaction, so
 * anyone else reading the database sees it in one step too (on H2, renaming the table for
 * {@link ProducerState#STOREFAILURE} commits on its own; on PostgreSQL it is part of the
 * transaction).
 */
public class CatalogStates {

    /** The catalog's seed, the same script Flyway runs on a new database: teardown restores it. */
    private static final ClassPathResource SEED = new ClassPathResource("db/migration/V2__seed_catalog.sql");
    /** Where {@link ProducerState#STOREFAILURE} moves the table, so that every read really fails. */
    private static final String MOVED_AWAY = "credit_pack_unavailable";
    /** How long a change waits for reads of the store still running, and requests wait for a change. */
    private static final Duration SETTLE_WITHIN = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final CreditPackCatalog catalog;

    public CatalogStates(DataSource dataSource, CreditPackCatalog catalog) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.catalog = catalog;
    }

    /**
     * Puts the store into {@code state} (whatever state it was in) and the catalog read from it in
     * place for every request from now on.
     *
     * @throws DataAccessException when the store failed during the change, a read of the store still
     *         ran after a bound, or (for any state but storefailure) the changed store could not be read
     */
    public synchronized void setUp(ProducerState state) {
        boolean readable = catalog.change(
                        () -> transaction.executeWithoutResult(status -> {
                            restoreSeed();
                            switch (state) {
                                case AVAILABLE -> {}
                                case NOACTIVEPACKS ->
                                    jdbc.sql("UPDATE credit_pack SET active = FALSE")
                                            .update();
                                case RETIREDPACKS -> {
                                    // Hidden in each of the ways a pack can be: inactive, soft-deleted, both.
                                    insertHidden("retired-inactive", "RETIRED_INACTIVE", false, false);
                                    insertHidden("retired-deleted", "RETIRED_DELETED", true, true);
                                    insertHidden("retired-both", "RETIRED_BOTH", false, true);
                                }
                                case STOREFAILURE ->
                                    jdbc.sql("ALTER TABLE credit_pack RENAME TO " + MOVED_AWAY)
                                            .update();
                            }
                        }),
                        SETTLE_WITHIN)
                .isPresent();
        if (readable == (state == ProducerState.STOREFAILURE)) {
            throw new StateNotReached(state, readable);
        }
    }

    /** Back to the seeded catalog and a working store, whatever state came before. */
    public synchronized void tearDown() {
        if (catalog.change(() -> transaction.executeWithoutResult(status -> restoreSeed()), SETTLE_WITHIN)
                .isEmpty()) {
            throw new StateNotReached(ProducerState.AVAILABLE, false);
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
                .param("id", id)
                .param("name", "Hidden " + id)
                .param("code", code)
                .param("active", active)
                .param("deleted", deleted)
                .update();
    }

    private boolean tableExists(String name) {
        // H2 keeps unquoted names in upper case, PostgreSQL in lower case.
        return jdbc.sql("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = :name")
                        .param("name", name)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** The store was changed, but reading it does not give the state's response; the catalog's log says why. */
    static final class StateNotReached extends DataAccessResourceFailureException {

        StateNotReached(ProducerState state, boolean readable) {
            super("State " + state.folder() + " set up, but the store "
                    + (readable ? "could still be read" : "could not be read"));
        }
    }
}
