package tech.flashback.creditpacks.tools.backcompat;

import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tech.flashback.creditpacks.tools.verify.ContractVerification;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Report;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Target;
import tech.flashback.creditpacks.tools.verify.HttpProbe;

/**
 * The backcompat gate: before a release, the contracts that consumers already built against
 * (those in the last published stubs jar) are run against the new producer and held to that
 * version's own published rules, read as data from its jar (no code from a downloaded jar runs).
 *
 * <p>{@code ./mvnw test -Pbackcompat -Dbaseline.version=1.0.0 [-Dbaseline.repository=URL]
 * [-Dproducer.url=URL [-Dproducer.states.url=URL]]}: without a producer URL, this build's
 * producer is started on a free port with its state hook, so every contract runs.
 */
public final class BackcompatGate {

    private BackcompatGate() {}

    /** {@code baselineLabel} names the version in the report (its coordinates, say). */
    public static Report check(String baselineLabel, PublishedStubs baseline, Target target) {
        return new ContractVerification(new HttpProbe(HttpProbe.Limits.DEFAULT)).run(baselineLabel, baseline, target);
    }
}
