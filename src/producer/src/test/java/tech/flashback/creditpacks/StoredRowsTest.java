package tech.flashback.creditpacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.flashback.creditpacks.contracttests.ContractStubs;
import tech.flashback.creditpacks.packs.CreditPackCatalog;
import tools.jackson.databind.json.JsonMapper;

/**
 * A PostgreSQL store migrated by someone else, without the schema's checks, holding rows that
 * break the contract: over HTTP the producer still serves exactly the valid packs with a 200, and
 * never a blank name, a negative price, zero credits, or a 500 for a NULL in one row.
 */
class StoredRowsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(PatientStore.PATIENCE).build();

    @AutoClose
    private static PostgresProducer producer;

    @BeforeAll
    static void startDatabaseAndProducer() throws Exception {
        // The store's bounds are not what this test is about: a busy machine must turn neither the
        // start-up (Flyway's first connection) nor a read into a failure.
        producer = new PostgresProducer(
                Stream.concat(PatientStore.ARGUMENTS.stream(), PatientStore.POSTGRES_DRIVER_ARGUMENTS.stream())
                        .toArray(String[]::new));
    }

    @Test
    void rowsThatBreakTheContractAreLeftOutAndTheRestIsServed() throws Exception {
        for (String check : new String[] {
            "id_not_blank", "name_not_blank", "code_not_blank", "credits_positive", "price_not_negative"
        }) {
            producer.execute("ALTER TABLE credit_pack DROP CONSTRAINT credit_pack_" + check);
        }
        producer.execute("ALTER TABLE credit_pack ALTER COLUMN name DROP NOT NULL, ALTER COLUMN credits DROP NOT NULL");
        producer.execute("""
                INSERT INTO credit_pack (id, name, code, credits, price) VALUES
                    ('pack-null-name', NULL, 'PACK_NULL_NAME', 10, 1.00),
                    ('pack-tab-name', E'\\t', 'PACK_TAB_NAME', 10, 1.00),
                    ('pack-negative', 'Negative', 'PACK_NEGATIVE', 10, -1.00),
                    ('pack-zero', 'Zero credits', 'PACK_ZERO', 0, 1.00),
                    ('pack-null-credits', 'Null credits', 'PACK_NULL_CREDITS', NULL, 1.00)""");
        producer.bean(CreditPackCatalog.class).refresh();

        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(producer.uri("/credits/packs"))
                        .timeout(PatientStore.PATIENCE)
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(ContractStubs.responseBody("shouldReturnActivePacks"));
    }
}
