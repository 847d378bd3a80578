package tech.flashback.creditpacks.statehook;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The producer states the contracts are written for: one per folder under
 * {@code contracts/credits/packs/}, named as the folder is.
 */
public enum ProducerState {
    /** The reference catalog, as seeded: some packs active. */
    AVAILABLE,
    /** Every pack inactive. */
    NOACTIVEPACKS,
    /** The reference catalog plus packs that are inactive, soft-deleted, or both. */
    RETIREDPACKS,
    /** The store fails on every read. */
    STOREFAILURE;

    /** The state's name in the contracts and in state-change requests. */
    public String folder() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ProducerState> named(String folder) {
        return Arrays.stream(values())
                .filter(state -> state.folder().equals(folder))
                .findFirst();
    }
}
