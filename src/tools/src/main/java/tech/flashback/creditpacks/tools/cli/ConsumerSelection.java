package tech.flashback.creditpacks.tools.cli;

import java.util.List;
import java.util.Set;
import tech.flashback.creditpacks.tools.published.PublishedStubs;

/** Which consumers' contracts a command runs: all, or those named ({@value #PUBLIC} names the public contracts). */
record ConsumerSelection(Set<String> names) {

    static final String PUBLIC = "public";

    static ConsumerSelection of(List<String> names) {
        return new ConsumerSelection(names == null ? Set.of() : Set.copyOf(names));
    }

    /**
     * @throws IllegalArgumentException naming a consumer that has no contracts there, and those that do
     */
    PublishedStubs of(PublishedStubs stubs) {
        if (names.isEmpty()) {
            return stubs;
        }
        names.stream()
                .filter(name -> !name.equals(PUBLIC) && !stubs.consumers().contains(name))
                .findFirst()
                .ifPresent(name -> {
                    throw new IllegalArgumentException(
                            "No contracts of a consumer named " + name + " in " + stubs.root() + "; its consumers are "
                                    + stubs.consumers() + " (and \"" + PUBLIC + "\" for the public contracts)");
                });
        return new PublishedStubs(
                stubs.root(),
                stubs.stubs().stream()
                        .filter(stub -> names.contains(stub.consumer() == null ? PUBLIC : stub.consumer()))
                        .toList());
    }
}
