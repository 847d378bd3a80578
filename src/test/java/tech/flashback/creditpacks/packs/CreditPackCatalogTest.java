package tech.flashback.creditpacks.packs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class CreditPackCatalogTest {

    private static final List<CreditPack> PACKS = List.of(new CreditPack("pack-1", "Pack 1", "PACK_1", 100, new BigDecimal("19.99")));

    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void readsTheStoreOnceWithinTheStalenessBound() {
        CreditPackCatalog catalog = new CreditPackCatalog(countingStore(), Duration.ofHours(1));

        assertThat(catalog.available()).isEqualTo(PACKS);
        assertThat(catalog.available()).isEqualTo(PACKS);
        assertThat(reads).hasValue(1);
    }

    @Test
    void readsTheStoreEveryTimeWithAZeroBound() {
        CreditPackCatalog catalog = new CreditPackCatalog(countingStore(), Duration.ZERO);

        catalog.available();
        catalog.available();
        assertThat(reads).hasValue(2);
    }

    @Test
    void doesNotRememberAFailedReadSoTheNextRequestRecovers() {
        AtomicInteger calls = new AtomicInteger();
        CreditPackCatalog catalog = new CreditPackCatalog(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new DataAccessResourceFailureException("store down");
            }
            return PACKS;
        }, Duration.ofHours(1));

        assertThatThrownBy(catalog::available).isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(catalog.available()).isEqualTo(PACKS);
    }

    private CreditPackRepository countingStore() {
        return () -> {
            reads.incrementAndGet();
            return PACKS;
        };
    }
}
