package tech.flashback.creditpacks.contract;

import java.util.function.Consumer;

import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;

/**
 * State for the remote suite's contracts under {@code available/}: a producer already running at
 * {@code -Dproducer.url}, in any language. Only its HTTP behaviour is checked, with the same shape
 * rules as the build's own producer tests, unless a runner puts others in place (the release gate
 * checks a published version's contracts with that version's own rules).
 */
public abstract class RemoteProducerBase extends ContractBase {

    public static final String PRODUCER_URL = "producer.url";

    /** This build's shape rules ({@link CatalogShape}): they throw an AssertionError naming each problem. */
    public static final Consumer<Object> THIS_BUILDS_SHAPE_RULES = CatalogShape::assertValid;

    private static volatile Consumer<Object> shapeRules = THIS_BUILDS_SHAPE_RULES;

    /**
     * The rules the next remote runs check {@code $.data} with; the caller restores the previous
     * ones (returned) and keeps other runs out meanwhile.
     */
    public static Consumer<Object> useShapeRules(Consumer<Object> rules) {
        Consumer<Object> previous = shapeRules;
        shapeRules = rules;
        return previous;
    }

    @BeforeEach
    void pointAtTheRunningProducer() {
        String url = System.getProperty(PRODUCER_URL, "");
        if (url.isBlank()) {
            throw new IllegalStateException("Set the producer to verify: -D" + PRODUCER_URL + "=http://host:port");
        }
        RestAssured.baseURI = url.replaceAll("/+$", "");
        RestAssured.port = -1;
    }

    @Override
    public void assertCatalogShape(Object data) {
        shapeRules.accept(data);
    }
}
