package tech.flashback.creditpacks.contract;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * State for contracts under {@code contracts/credits/packs/storefailure}: the store itself
 * throws, as a real repository does when its database is down, so the verified 500 comes from
 * the producer's real error path.
 */
public abstract class PacksStorefailureBase extends ContractBase {

    @BeforeEach
    void failTheStore() {
        serveFrom(() -> {
            throw new DataAccessResourceFailureException("connection refused (simulated by the contract test)");
        });
    }
}
