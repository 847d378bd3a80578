package tech.flashback.creditpacks.packs;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The catalog in the {@code credit_pack} table. The schema's checks (V3) keep out rows that break
 * the contract, but a store migrated or filled by someone else may hold them anyway, so every row
 * is judged here too: a row that breaks the contract is left out, with a WARN that names it, and
 * the rest of the catalog is still served. Leaving it out (rather than failing the whole catalog)
 * keeps every valid pack on sale; a broken pack could not be bought correctly anyway.
 */
@Repository
public class JdbcCreditPackRepository implements CreditPackRepository {

    private static final Logger log = LoggerFactory.getLogger(JdbcCreditPackRepository.class);

    private static final String AVAILABLE_PACKS = """
            SELECT id, name, code, credits, price
              FROM credit_pack
             WHERE active = TRUE AND deleted_at IS NULL
             ORDER BY price, code""";

    private final JdbcClient jdbc;
    /** The rows last reported as left out: each is logged once, not on every read. */
    private volatile List<String> reportedLeftOut = List.of();

    public JdbcCreditPackRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<CreditPack> findAvailable() {
        List<CreditPack> packs = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        jdbc.sql(AVAILABLE_PACKS).query((ResultSet row) -> {
            String id = row.getString("id");
            String name = row.getString("name");
            String code = row.getString("code");
            Object credits = row.getObject("credits");
            Object price = row.getObject("price");
            List<String> violations = CreditPack.contractViolations(id, name, code, credits, price);
            if (violations.isEmpty()) {
                packs.add(CreditPack.fromStored(id, name, code, credits, price));
            } else {
                leftOut.add("id " + quoted(id) + " (code " + quoted(code) + "): " + String.join(", ", violations));
            }
        });
        reportLeftOut(leftOut);
        return packs;
    }

    /** The rows the last read left out, each as its WARN names it. */
    List<String> leftOutRows() {
        return reportedLeftOut;
    }

    private void reportLeftOut(List<String> leftOut) {
        if (leftOut.equals(reportedLeftOut)) {
            return;
        }
        reportedLeftOut = List.copyOf(leftOut);
        for (String row : leftOut) {
            log.warn("Credit pack left out of the catalog, its row breaks the contract: {}", row);
        }
    }

    /** Store values in a log line: quoted, control characters escaped, so a row cannot forge log lines. */
    private static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("\"");
        value.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == '"' || c == '\\') {
                quoted.append(String.format("\\u%04x", c));
            } else {
                quoted.appendCodePoint(c);
            }
        });
        return quoted.append('"').toString();
    }
}
