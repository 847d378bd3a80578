package tech.flashback.creditpacks.packs;

import java.math.BigDecimal;

/** One purchasable pack as the API shows it; {@code price} is in USD, kept exact. */
public record CreditPack(String id, String name, String code, int credits, BigDecimal price) {
}
