package tech.flashback.creditpacks.tools.cli;

import picocli.CommandLine.Option;
import tech.flashback.creditpacks.tools.ToolProperties;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Target;
import tech.flashback.creditpacks.tools.verify.HttpProbe;

/** Where the producer under test answers, and its state hook: the options of every command that calls a producer. */
final class ProducerOptions {

    @Option(
            names = "--producer",
            paramLabel = "URL",
            defaultValue = "${sys:" + ToolProperties.PRODUCER_URL + "}",
            description =
                    "The producer's base URL, e.g. http://127.0.0.1:8080 (or -D" + ToolProperties.PRODUCER_URL + ").")
    String producer;

    @Option(
            names = "--states",
            paramLabel = "URL",
            defaultValue = "${sys:" + ToolProperties.PRODUCER_STATES_URL + "}",
            description = "Its state hook, e.g. http://127.0.0.1:8080/_contract/states (or -D"
                    + ToolProperties.PRODUCER_STATES_URL
                    + ");"
                    + " without it only the default state's contracts run.")
    String states;

    /** @throws IllegalArgumentException when no producer is named, or a URL is not a base URL */
    Target target() {
        if (producer == null || producer.isBlank()) {
            throw new IllegalArgumentException("Name the producer to verify: --producer http://host:port (or -D"
                    + ToolProperties.PRODUCER_URL + "=...)");
        }
        // Named by the property the value may come from: a message tells the option's default, never "-D--producer".
        return new Target(
                HttpProbe.baseUrl(ToolProperties.PRODUCER_URL, producer),
                states == null || states.isBlank()
                        ? null
                        : HttpProbe.baseUrl(ToolProperties.PRODUCER_STATES_URL, states));
    }
}
