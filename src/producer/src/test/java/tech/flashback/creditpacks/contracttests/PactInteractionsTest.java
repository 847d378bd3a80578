package tech.flashback.creditpacks.contracttests;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tech.flashback.creditpacks.tools.published.ExampleRequest;
import tech.flashback.creditpacks.tools.published.PublishedStub;

/**
 * The generated tests of the contracts consumers bring as Pact files (Spring Cloud Contract
 * generates tests only from its own DSL): one test per published interaction, named after its
 * consumer and description, sending the pact's request to the producer in the interaction's state
 * and holding the response to the rules published from the pact, as {@link ContractBase} does for
 * the Groovy contracts.
 */
class PactInteractionsTest {

    @TestFactory
    Stream<DynamicTest> everyInteractionOfEveryConsumersPactHoldsAgainstTheProducer() {
        return ContractBase.published().contracts().stream()
                .filter(stub -> stub.pact() != null)
                .map(stub -> DynamicTest.dynamicTest(stub.label() + " (" + stub.pact() + ")", () -> verify(stub)));
    }

    private static void verify(PublishedStub interaction) throws Exception {
        MockMvc producer = ContractBase.producerIn(interaction).build();
        ExampleRequest sent = interaction.request();
        MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(sent.method()), URI.create(sent.target()));
        sent.headers().forEach(request::header);
        if (sent.body() != null) {
            request.content(sent.body());
        }
        ContractBase.holdsToTheRules(interaction, producer.perform(request).andReturn());
    }
}
