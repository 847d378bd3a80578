package tech.flashback.creditpacks.packs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.jdbc.core.simple.JdbcClient;
import tech.flashback.creditpacks.LogCapture;

/**
 * A row left out of the catalog is named in one WARN, and a steady store does not repeat it on
 * every read. Run alone: another test class starting or stopping a Spring application meanwhile
 * resets logging, and the captured lines would be lost.
 */
@Isolated
class LeftOutRowsLogTest {

    @Test
    void eachRowLeftOutIsLoggedOnceAsAWarn() throws Exception {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(database).load().migrate();
        JdbcClient jdbc = JdbcClient.create(database);
        jdbc.sql("ALTER TABLE credit_pack DROP CONSTRAINT credit_pack_price_not_negative")
                .update();
        jdbc.sql(
                        "INSERT INTO credit_pack (id, name, code, credits, price) VALUES ('pack-negative', 'Negative', 'PACK_NEGATIVE', 10, ?)")
                .param(new BigDecimal("-1.00"))
                .update();
        JdbcCreditPackRepository repository = new JdbcCreditPackRepository(jdbc);

        assertThat(warnings(repository))
                .containsExactly("Credit pack left out of the catalog, its row breaks the contract:"
                        + " id \"pack-negative\" (code \"PACK_NEGATIVE\"): price is negative (-1.00)");
        assertThat(warnings(repository)).as("the same rows on the next read").isEmpty();
    }

    private static List<String> warnings(JdbcCreditPackRepository repository) throws Exception {
        return LogCapture.during(JdbcCreditPackRepository.class, repository::findAvailable).stream()
                .filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
