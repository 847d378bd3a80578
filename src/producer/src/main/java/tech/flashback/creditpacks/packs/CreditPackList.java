package tech.flashback.creditpacks.packs;

import java.util.List;

/** The 200 body: the API's shared envelope carrying the packs. */
public record CreditPackList(boolean success, List<CreditPack> data) {

    static CreditPackList of(List<CreditPack> packs) {
        return new CreditPackList(true, packs);
    }
}
