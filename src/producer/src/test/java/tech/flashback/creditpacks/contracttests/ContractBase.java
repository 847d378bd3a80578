package tech.flashback.creditpacks.contracttests;

import io.restassured.module.mockmvc.RestAssuredMockMvc;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.cloud.contract.verifier.util.NamesUtil;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.test.web.servlet.setup.StandaloneMockMvcBuilder;
import tech.flashback.creditpacks.PatientStore;
import tech.flashback.creditpacks.api.ApiExceptionHandler;
import tech.flashback.creditpacks.packs.CreditPack;
import tech.flashback.creditpacks.packs.CreditPackCatalog;
import tech.flashback.creditpacks.packs.CreditPackRepository;
import tech.flashback.creditpacks.packs.CreditPacksController;
import tech.flashback.creditpacks.packs.JdbcCreditPackRepository;
import tech.flashback.creditpacks.statehook.CatalogStates;
import tech.flashback.creditpacks.statehook.ProducerState;
import tech.flashback.creditpacks.tools.published.ObservedResponse;
import tech.flashback.creditpacks.tools.published.Problem;
import tech.flashback.creditpacks.tools.published.PublishedStub;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tech.flashback.creditpacks.tools.published.ResponseRules;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one base class of every generated contract test, whatever folder its contract sits in:
 * it finds the test's contract among the published ones, puts the producer into that contract's
 * state, and serves the real controller and error handling in a standalone MockMvc (no
 * application context, so the suite runs in milliseconds). Every response is also held to the
 * contract's published rules (JSON Schema, derived from the contract by the build), which check
 * every element of every array where Spring Cloud Contract's generated assertions check only
 * some (spring-cloud-contract#1927): the same rules the remote verification and the backcompat
 * gate apply to running producers.
 */
// RestAssured's set-up is static, and the suite's speed is a figure we report: run alone.
@Isolated
public abstract class ContractBase {

    private static final PublishedStubs PUBLISHED = PublishedStubs.read(Path.of(System.getProperty(
            "published.stubs",
            "src/producer/target/stubs/META-INF/tech.flashback/credit-packs-api/"
                    + System.getProperty("project.version"))));
    /** The package Spring Cloud Contract generates the tests in (--tests-package of the publish step in the producer's pom.xml). */
    private static final String TESTS_PACKAGE = ContractBase.class.getPackageName();

    /**
     * The catalog of the state {@code available}. It deliberately differs from the reference example
     * (other prices, a fourth pack): the producer is held to the contract's rules, not to its example values.
     */
    private static final List<CreditPack> CATALOG = List.of(
            new CreditPack("pack-starter", "Starter", "STARTER", 50, new BigDecimal("4.99")),
            new CreditPack("pack-1", "Pack 1", "PACK_1", 100, new BigDecimal("17.50")),
            new CreditPack("pack-2", "Pack 2", "PACK_2", 500, new BigDecimal("49.99")),
            new CreditPack("pack-3", "Pack 3", "PACK_3", 1100, new BigDecimal("100.00")));

    private PublishedStub contract;

    @BeforeEach
    void putTheProducerInTheContractsState(TestInfo test) {
        contract = contractOf(
                test.getTestClass().orElseThrow(),
                test.getTestMethod().orElseThrow().getName());
        RestAssuredMockMvc.standaloneSetup(producerIn(contract).alwaysExpect(this::followsTheContractsRules));
    }

    /** The real controller and error handling, over a store in the state {@code contract} is written for. */
    static StandaloneMockMvcBuilder producerIn(PublishedStub contract) {
        CreditPackCatalog catalog = uncached(storeIn(contract));
        return MockMvcBuilders.standaloneSetup(
                        new CreditPacksController(catalog, JsonMapper.builder().build()))
                .setControllerAdvice(new ApiExceptionHandler());
    }

    /** The producer's store in each state its contracts are written for: what the state hook does to a running producer. */
    static CreditPackRepository storeIn(PublishedStub contract) {
        String state = contract.state();
        return switch (state) {
            case "available" -> () -> CATALOG;
            case "noactivepacks" -> List::of;
            // Hiding retired packs is the store's query's job: a real database, in the state the hook sets up.
            case "retiredpacks" -> retiredPacks();
            // The store itself throws, as a real repository does when its database is down.
            case "storefailure" ->
                () -> {
                    throw new DataAccessResourceFailureException("connection refused (simulated by the contract test)");
                };
            default ->
                throw new IllegalStateException(
                        "The contract " + contract.label() + " (" + contract.mapping() + ") needs"
                                + " the producer in state '" + state
                                + "', which the generated tests cannot set up yet: add it to "
                                + ContractBase.class.getName()
                                + "#storeIn, and to the producer's state hook (statehook.ProducerState"
                                + " and CatalogStates)");
        };
    }

    private static CreditPackRepository retiredPacks() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(database).load().migrate();
        JdbcCreditPackRepository store = new JdbcCreditPackRepository(JdbcClient.create(database));
        new CatalogStates(database, uncached(store)).setUp(ProducerState.RETIREDPACKS);
        return store;
    }

    /**
     * No caching: every request reaches the store, as the contract's state demands. Reads may take
     * as long as they take: the catalog's 500 ms read timeout is StoreOutageTest's subject, and a
     * cold read of the H2 store on a busy machine overran it.
     */
    private static CreditPackCatalog uncached(CreditPackRepository store) {
        return new CreditPackCatalog(store, Duration.ZERO, PatientStore.PATIENCE, Duration.ZERO);
    }

    private void followsTheContractsRules(MvcResult result) {
        holdsToTheRules(contract, result);
    }

    /** Fails naming each way the producer's response breaks {@code contract}'s published rules. */
    static void holdsToTheRules(PublishedStub contract, MvcResult result) {
        MockHttpServletResponse response = result.getResponse();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : response.getHeaderNames()) {
            headers.put(name, Collections.unmodifiableList(response.getHeaders(name)));
        }
        ResponseRules rules = contract.rules();
        List<Problem> problems =
                rules.problems(new ObservedResponse(response.getStatus(), headers, response.getContentAsByteArray()));
        if (!problems.isEmpty()) {
            throw new AssertionError(
                    "The response breaks the rules of contract " + contract.label() + ":\n" + Problem.list(problems));
        }
    }

    /** Every published contract, as the build published them. */
    static PublishedStubs published() {
        return PUBLISHED;
    }

    /**
     * The published contract a generated test verifies: Spring Cloud Contract names the test class
     * after the contract's folder and the method after the contract, with the same conversions
     * used here.
     */
    static PublishedStub contractOf(Class<?> testClass, String method) {
        return PUBLISHED.contracts().stream()
                .filter(stub -> generatedFor(stub, testClass, method))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "No published contract for the generated test " + testClass.getName() + "." + method + " in "
                                + PUBLISHED.root() + ": was the build's publication step skipped?"));
    }

    private static boolean generatedFor(PublishedStub stub, Class<?> testClass, String method) {
        Path folder = Path.of(PublishedStubs.MAPPINGS).relativize(stub.mapping().getParent());
        StringBuilder packageName = new StringBuilder(TESTS_PACKAGE);
        for (int i = 0; i < folder.getNameCount() - 1; i++) {
            packageName
                    .append('.')
                    .append(NamesUtil.convertIllegalPackageChars(
                            folder.getName(i).toString()));
        }
        String className = NamesUtil.capitalize(NamesUtil.camelCase(NamesUtil.convertIllegalPackageChars(
                        folder.getFileName().toString())))
                + "Test";
        return testClass.getPackageName().equals(packageName.toString())
                && testClass.getSimpleName().equals(className)
                && method.equals("validate_" + NamesUtil.convertIllegalMethodNameChars(stub.contract()));
    }
}
