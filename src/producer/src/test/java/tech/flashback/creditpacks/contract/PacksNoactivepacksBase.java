package tech.flashback.creditpacks.contract;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;

/** State for contracts under {@code contracts/credits/packs/noactivepacks}: the store has no active pack. */
public abstract class PacksNoactivepacksBase extends ContractBase {

    @BeforeEach
    void serveNoPack() {
        serveFrom(List::of);
    }
}
