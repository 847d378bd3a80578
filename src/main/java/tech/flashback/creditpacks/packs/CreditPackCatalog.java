package tech.flashback.creditpacks.packs;

import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The packs on offer, read from the store at most once per {@code max-staleness}. The catalog is
 * reference data that every client asks for and that changes rarely, so it is served from memory;
 * a pack deactivated or deleted in the store disappears from responses within that bound.
 * A failed read is not cached: the next request asks the store again, so the service recovers
 * on its own once the store is back.
 */
@Service
public class CreditPackCatalog {

    private final LoadingCache<Boolean, List<CreditPack>> available;

    public CreditPackCatalog(CreditPackRepository store,
            @Value("${credit-packs.catalog.max-staleness:1s}") Duration maxStaleness) {
        // A single entry: concurrent requests for an expired catalog wait for one read of the store.
        this.available = Caffeine.newBuilder()
                .expireAfterWrite(maxStaleness)
                .build(unused -> List.copyOf(store.findAvailable()));
    }

    /**
     * Active, non-deleted packs, cheapest first, then by code.
     *
     * @throws org.springframework.dao.DataAccessException when the store cannot be read
     */
    public List<CreditPack> available() {
        return available.get(Boolean.TRUE);
    }

    /** Forgets the remembered catalog: the next request reads the store (the store just changed). */
    public void refresh() {
        available.invalidateAll();
    }
}
