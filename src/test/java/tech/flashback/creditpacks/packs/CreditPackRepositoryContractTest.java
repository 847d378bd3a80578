package tech.flashback.creditpacks.packs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import tech.flashback.creditpacks.contract.ContractStubs;

/**
 * The repository against the real Flyway migrations, no Spring context: the same tests run on
 * every database the producer supports (one subclass each).
 */
abstract class CreditPackRepositoryContractTest {

    private JdbcClient jdbc;
    private JdbcCreditPackRepository repository;

    /** An empty database of its own for each test. */
    abstract DataSource freshDatabase() throws Exception;

    @BeforeEach
    void migrateFreshDatabase() throws Exception {
        DataSource dataSource = freshDatabase();
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = JdbcClient.create(dataSource);
        repository = new JdbcCreditPackRepository(jdbc);
    }

    @Test
    void returnsTheSeededCatalogWithoutItsInactiveAndDeletedPacks() {
        // The seed is the contract's example catalog, pack for pack, in the same order.
        List<CreditPack> documented = new ArrayList<>();
        for (JsonNode pack : ContractStubs.responseBody("shouldReturnActivePacks").get("data")) {
            documented.add(new CreditPack(pack.get("id").asString(), pack.get("name").asString(), pack.get("code").asString(),
                    pack.get("credits").asInt(), new BigDecimal(pack.get("price").toString())));
        }

        assertThat(repository.findAvailable()).containsExactlyElementsOf(documented);
    }

    @Test
    void seedKeepsAnInactiveAndADeletedPackSoTheFilterIsExercised() {
        assertThat(jdbc.sql("SELECT id FROM credit_pack WHERE active = FALSE").query(String.class).list())
                .containsExactly("pack-legacy");
        assertThat(jdbc.sql("SELECT id FROM credit_pack WHERE deleted_at IS NOT NULL").query(String.class).list())
                .containsExactly("pack-retired");
    }

    @Test
    void ordersByPriceThenByCode() {
        insert("pack-b", "PACK_B", 10, "19.99", true, false);
        insert("pack-a", "PACK_A", 10, "19.99", true, false);
        insert("pack-cheap", "PACK_CHEAP", 10, "0.99", true, false);

        assertThat(repository.findAvailable()).extracting(CreditPack::code)
                .containsExactly("PACK_CHEAP", "PACK_1", "PACK_A", "PACK_B", "PACK_2", "PACK_3");
    }

    @Test
    void hidesPacksThatAreDeactivatedOrSoftDeleted() {
        jdbc.sql("UPDATE credit_pack SET active = FALSE WHERE id = 'pack-1'").update();
        jdbc.sql("UPDATE credit_pack SET deleted_at = CURRENT_TIMESTAMP WHERE id = 'pack-2'").update();
        insert("pack-both", "PACK_BOTH", 10, "1.00", false, true);

        assertThat(repository.findAvailable()).extracting(CreditPack::id).containsExactly("pack-3");
    }

    @Test
    void keepsPricesExact() {
        insert("pack-odd", "PACK_ODD", 7, "0.10", true, false);

        assertThat(repository.findAvailable()).filteredOn(pack -> pack.id().equals("pack-odd"))
                .singleElement().extracting(CreditPack::price).isEqualTo(new BigDecimal("0.10"));
    }

    @Test
    void schemaRejectsDuplicateCodesAndNonPositiveCredits() {
        assertThatThrownBy(() -> insert("pack-dup", "PACK_1", 10, "1.00", true, false))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> insert("pack-zero", "PACK_ZERO", 0, "1.00", true, false))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> insert(" ", "PACK_BLANK", 10, "1.00", true, false))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    private void insert(String id, String code, int credits, String price, boolean active, boolean deleted) {
        jdbc.sql("""
                INSERT INTO credit_pack (id, name, code, credits, price, active, deleted_at)
                VALUES (?, ?, ?, ?, ?, ?, CASE WHEN ? THEN CURRENT_TIMESTAMP END)""")
                .params(id, "Name of " + id, code, credits, new BigDecimal(price), active, deleted)
                .update();
    }
}
