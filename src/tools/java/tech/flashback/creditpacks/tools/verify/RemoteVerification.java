package tech.flashback.creditpacks.tools.verify;

import java.nio.file.Path;

import tech.flashback.creditpacks.tools.ToolProperties;
import tech.flashback.creditpacks.tools.contracts.PublishedStubs;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Report;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Target;

/**
 * Remote verification: this tree's contracts against any running producer, in any language.
 *
 * <p>{@code ./mvnw test -Pverify-remote -Dproducer.url=http://host:port
 * [-Dproducer.states.url=http://host:port/_contract/states]}. Prints a report and fails the
 * command when a contract fails.
 */
public final class RemoteVerification {

    public static final String PRODUCER_URL = "producer.url";
    public static final String STATES_URL = "producer.states.url";

    private RemoteVerification() {
    }

    public static void main(String[] args) {
        String producerUrl = ToolProperties.optional(PRODUCER_URL);
        if (producerUrl == null) {
            throw new IllegalArgumentException("Name the producer to verify: -D" + PRODUCER_URL + "=http://host:port");
        }
        PublishedStubs published = PublishedStubs.read(Path.of(System.getProperty("stubs.published")));
        String statesUrl = ToolProperties.optional(STATES_URL);
        Report report = new ContractVerification(new HttpProbe(HttpProbe.Limits.DEFAULT)).run("the working tree", published,
                new Target(HttpProbe.baseUrl(PRODUCER_URL, producerUrl), statesUrl == null ? null : HttpProbe.baseUrl(STATES_URL, statesUrl)));
        System.out.print(report.render());
        if (!report.passed()) {
            throw new IllegalStateException("The producer at " + HttpProbe.shown(producerUrl) + " breaks this tree's contracts (report above)");
        }
    }
}
