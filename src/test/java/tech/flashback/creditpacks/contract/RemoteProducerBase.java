package tech.flashback.creditpacks.contract;

import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;

/**
 * State for the remote suite's contracts under {@code available/}: a producer already running at
 * {@code -Dproducer.url}, in any language. Only its HTTP behaviour is checked, with the same shape
 * rules as the build's own producer tests.
 */
public abstract class RemoteProducerBase extends ContractBase {

    public static final String PRODUCER_URL = "producer.url";

    @BeforeEach
    void pointAtTheRunningProducer() {
        String url = System.getProperty(PRODUCER_URL, "");
        if (url.isBlank()) {
            throw new IllegalStateException("Set the producer to verify: -D" + PRODUCER_URL + "=http://host:port");
        }
        RestAssured.baseURI = url.replaceAll("/+$", "");
        RestAssured.port = -1;
    }
}
