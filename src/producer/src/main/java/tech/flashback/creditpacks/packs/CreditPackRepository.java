package tech.flashback.creditpacks.packs;

import java.util.List;

/**
 * Where the catalog is stored. An interface so contract tests can serve a fixed catalog or a
 * failing store without a database.
 */
@FunctionalInterface
public interface CreditPackRepository {

    /**
     * Active, non-deleted packs, cheapest first; packs of equal price are ordered by code.
     *
     * @throws org.springframework.dao.DataAccessException when the store cannot be read
     */
    List<CreditPack> findAvailable();
}
