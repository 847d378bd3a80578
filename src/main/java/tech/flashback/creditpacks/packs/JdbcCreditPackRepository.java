package tech.flashback.creditpacks.packs;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class JdbcCreditPackRepository implements CreditPackRepository {

    private static final String AVAILABLE_PACKS = """
            SELECT id, name, code, credits, price
              FROM credit_pack
             WHERE active = TRUE AND deleted_at IS NULL
             ORDER BY price, code""";

    private final JdbcClient jdbc;

    public JdbcCreditPackRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<CreditPack> findAvailable() {
        return jdbc.sql(AVAILABLE_PACKS).query(CreditPack.class).list();
    }
}
