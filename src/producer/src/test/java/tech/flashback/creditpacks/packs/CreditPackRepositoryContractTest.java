package tech.flashback.creditpacks.packs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tech.flashback.creditpacks.contracttests.ContractStubs;
import tools.jackson.databind.JsonNode;

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
        for (JsonNode pack :
                ContractStubs.responseBody("shouldReturnActivePacks").get("data")) {
            documented.add(new CreditPack(
                    pack.get("id").asString(),
                    pack.get("name").asString(),
                    pack.get("code").asString(),
                    pack.get("credits").asInt(),
                    new BigDecimal(pack.get("price").toString())));
        }

        assertThat(repository.findAvailable()).containsExactlyElementsOf(documented);
    }

    @Test
    void seedKeepsAnInactiveAndADeletedPackSoTheFilterIsExercised() {
        assertThat(jdbc.sql("SELECT id FROM credit_pack WHERE active = FALSE")
                        .query(String.class)
                        .list())
                .containsExactly("pack-legacy");
        assertThat(jdbc.sql("SELECT id FROM credit_pack WHERE deleted_at IS NOT NULL")
                        .query(String.class)
                        .list())
                .containsExactly("pack-retired");
    }

    @Test
    void ordersByPriceThenByCode() {
        insert("pack-b", "PACK_B", 10, "19.99", true, false);
        insert("pack-a", "PACK_A", 10, "19.99", true, false);
        insert("pack-cheap", "PACK_CHEAP", 10, "0.99", true, false);

        assertThat(repository.findAvailable())
                .extracting(CreditPack::code)
                .containsExactly("PACK_CHEAP", "PACK_1", "PACK_A", "PACK_B", "PACK_2", "PACK_3");
    }

    @Test
    void hidesPacksThatAreDeactivatedOrSoftDeleted() {
        jdbc.sql("UPDATE credit_pack SET active = FALSE WHERE id = 'pack-1'").update();
        jdbc.sql("UPDATE credit_pack SET deleted_at = CURRENT_TIMESTAMP WHERE id = 'pack-2'")
                .update();
        insert("pack-both", "PACK_BOTH", 10, "1.00", false, true);

        assertThat(repository.findAvailable()).extracting(CreditPack::id).containsExactly("pack-3");
    }

    @Test
    void keepsPricesExact() {
        insert("pack-odd", "PACK_ODD", 7, "0.10", true, false);

        assertThat(repository.findAvailable())
                .filteredOn(pack -> pack.id().equals("pack-odd"))
                .singleElement()
                .extracting(CreditPack::price)
                .isEqualTo(new BigDecimal("0.10"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("whiteSpaceOnly")
    void schemaRejectsIdsNamesAndCodesMadeOnlyOfWhiteSpace(String description, String blank) {
        assertThatThrownBy(() -> insertRow(blank, "Blank id", "PACK_BLANK_ID", 10, "1.00"))
                .as("id %s", description)
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> insertRow("pack-blank-name", blank, "PACK_BLANK_NAME", 10, "1.00"))
                .as("name %s", description)
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> insertRow("pack-blank-code", "Blank code", blank, 10, "1.00"))
                .as("code %s", description)
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(repository.findAvailable()).hasSize(3);
    }

    static Stream<Arguments> whiteSpaceOnly() {
        return Stream.of(
                Arguments.of("a tab", "\t"),
                Arguments.of("newlines and a carriage return", "\n\r\n"),
                Arguments.of("spaces around a tab", " \t "),
                Arguments.of("a no-break space", "\u00A0"),
                Arguments.of("an ideographic space", "\u3000"),
                Arguments.of("a byte order mark", "\uFEFF"));
    }

    @Test
    void schemaAcceptsTextWithWhiteSpaceAroundACharacter() {
        insertRow("\tpack-padded ", "\u00A0Padded\n", " PACK_PADDED\t", 10, "1.00");

        assertThat(repository.findAvailable()).extracting(CreditPack::name).contains("\u00A0Padded\n");
    }

    /**
     * A store whose schema someone else migrated, without V1's and V3's checks: the rows that break
     * the contract are left out, each named (in a WARN, see LeftOutRowsLogTest), and the valid packs
     * are still served.
     */
    @Test
    void leavesOutRowsThatBreakTheContractAndServesTheRest() {
        List<CreditPack> seeded = repository.findAvailable();
        withoutTheContractChecks();
        insertRow("pack-null-name", null, "PACK_NULL_NAME", 10, "1.00");
        insertRow("pack-tab-name", "\t", "PACK_TAB_NAME", 10, "1.00");
        insertRow("pack-blank-code", "Blank code", "\n", 10, "1.00");
        insertRow("pack-negative", "Negative", "PACK_NEGATIVE", 10, "-1.00");
        insertRow("pack-zero", "Zero credits", "PACK_ZERO", 0, "1.00");
        insertRow("pack-null-credits", "Null credits", "PACK_NULL_CREDITS", null, "1.00");
        insertRow("pack-null-price", "Null price", "PACK_NULL_PRICE", 10, null);

        assertThat(repository.findAvailable()).isEqualTo(seeded);

        assertThat(seeded).hasSize(3);
        assertThat(repository.leftOutRows()).hasSize(7);
        assertThat(String.join("\n", repository.leftOutRows()))
                .contains("id \"pack-null-name\" (code \"PACK_NULL_NAME\"): name is missing")
                .contains("id \"pack-tab-name\" (code \"PACK_TAB_NAME\"): name is blank")
                .contains("id \"pack-blank-code\" (code \"\\u000a\"): code is blank")
                .contains("id \"pack-negative\" (code \"PACK_NEGATIVE\"): price is negative (-1.00)")
                .contains(
                        "id \"pack-zero\" (code \"PACK_ZERO\"): credits is 0, not a whole number from 1 to 2147483647")
                .contains("id \"pack-null-credits\" (code \"PACK_NULL_CREDITS\"): credits is missing")
                .contains("id \"pack-null-price\" (code \"PACK_NULL_PRICE\"): price is missing");
    }

    /** Drops what V1 and V3 enforce beyond the column types, as a store migrated by someone else might. */
    void withoutTheContractChecks() {
        for (String check :
                List.of("id_not_blank", "name_not_blank", "code_not_blank", "credits_positive", "price_not_negative")) {
            jdbc.sql("ALTER TABLE credit_pack DROP CONSTRAINT credit_pack_" + check)
                    .update();
        }
        for (String column : List.of("name", "code", "credits", "price")) {
            jdbc.sql("ALTER TABLE credit_pack ALTER COLUMN " + column + " DROP NOT NULL")
                    .update();
        }
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    JdbcCreditPackRepository repository() {
        return repository;
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

    void insertRow(String id, String name, String code, Integer credits, String price) {
        jdbc.sql("INSERT INTO credit_pack (id, name, code, credits, price) VALUES (?, ?, ?, ?, ?)")
                .params(id, name, code, credits, price == null ? null : new BigDecimal(price))
                .update();
    }

    private void insert(String id, String code, int credits, String price, boolean active, boolean deleted) {
        jdbc.sql("""
                INSERT INTO credit_pack (id, name, code, credits, price, active, deleted_at)
                VALUES (?, ?, ?, ?, ?, ?, CASE WHEN ? THEN CURRENT_TIMESTAMP END)""")
                .params(id, "Name of " + id, code, credits, new BigDecimal(price), active, deleted)
                .update();
    }
}
