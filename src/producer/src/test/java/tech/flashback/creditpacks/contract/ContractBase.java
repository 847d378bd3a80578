package tech.flashback.creditpacks.contract;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.restassured.module.mockmvc.RestAssuredMockMvc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.json.JsonMapper;

import tech.flashback.creditpacks.api.ApiExceptionHandler;
import tech.flashback.creditpacks.packs.CreditPackCatalog;
import tech.flashback.creditpacks.packs.CreditPackRepository;
import tech.flashback.creditpacks.packs.CreditPacksController;
import tech.flashback.creditpacks.tools.contracts.HttpAnswer;
import tech.flashback.creditpacks.tools.contracts.Problem;
import tech.flashback.creditpacks.tools.contracts.PublishedStub;
import tech.flashback.creditpacks.tools.contracts.PublishedStubs;
import tech.flashback.creditpacks.tools.contracts.ResponseRules;

/**
 * What every generated contract test shares: the real controller and error handling in a
 * standalone MockMvc (no application context, so the suite runs in milliseconds), over a store
 * the subclass puts into the contract's state. Every response is also held to the contract's
 * published rules (JSON Schema, derived from the contract by the build), which check every
 * element of every array where Spring Cloud Contract's generated assertions check only some
 * (spring-cloud-contract#1927): the same rules the remote verification and the backcompat gate
 * apply to running producers.
 */
// RestAssured's set-up is static, and the suite's speed is a figure we report: run alone.
@Isolated
abstract class ContractBase {

    private static final PublishedStubs PUBLISHED = PublishedStubs.read(Path.of(System.getProperty("published.stubs",
            "target/stubs/META-INF/tech.flashback/credit-packs-api/" + System.getProperty("project.version"))));

    private String contract;
    private ResponseRules rules;

    @BeforeEach
    void holdToTheContractsRules(TestInfo test) {
        contract = test.getTestMethod().orElseThrow().getName().replaceFirst("^validate_", "");
        rules = PUBLISHED.contracts().stream().filter(stub -> stub.contract().equals(contract)).findFirst()
                .map(PublishedStub::rules)
                .orElseThrow(() -> new IllegalStateException("No published rules for contract " + contract + " in " + PUBLISHED.root()));
    }

    void serveFrom(CreditPackRepository store) {
        // No caching: every request reaches the store, as the contract's state demands.
        CreditPackCatalog catalog = new CreditPackCatalog(store, Duration.ZERO);
        RestAssuredMockMvc.standaloneSetup(MockMvcBuilders
                .standaloneSetup(new CreditPacksController(catalog, JsonMapper.builder().build()))
                .setControllerAdvice(new ApiExceptionHandler())
                .alwaysExpect(this::followsTheContractsRules));
    }

    private void followsTheContractsRules(MvcResult result) {
        MockHttpServletResponse response = result.getResponse();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : response.getHeaderNames()) {
            headers.put(name, Collections.unmodifiableList(response.getHeaders(name)));
        }
        List<Problem> problems = rules.problems(new HttpAnswer(response.getStatus(), headers, response.getContentAsByteArray()));
        if (!problems.isEmpty()) {
            throw new AssertionError("The response breaks the rules of contract " + contract + ":\n" + Problem.list(problems));
        }
    }
}
