package tech.flashback.creditpacks.contract;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;

import tech.flashback.creditpacks.packs.CreditPack;

/**
 * State for contracts under {@code contracts/credits/packs/available}: the store answers.
 * The catalog deliberately differs from the reference example (other prices, a fourth pack),
 * because the producer is held to the contract's rules, not to its example values.
 */
public abstract class PacksAvailableBase extends ContractBase {

    private static final List<CreditPack> CATALOG = List.of(
            new CreditPack("pack-starter", "Starter", "STARTER", 50, new BigDecimal("4.99")),
            new CreditPack("pack-1", "Pack 1", "PACK_1", 100, new BigDecimal("17.50")),
            new CreditPack("pack-2", "Pack 2", "PACK_2", 500, new BigDecimal("49.99")),
            new CreditPack("pack-3", "Pack 3", "PACK_3", 1100, new BigDecimal("100.00")));

    @BeforeEach
    void serveFixedCatalog() {
        serveFrom(() -> CATALOG);
    }
}
