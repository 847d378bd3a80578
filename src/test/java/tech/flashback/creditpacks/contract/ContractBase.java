package tech.flashback.creditpacks.contract;

import java.time.Duration;

import io.restassured.module.mockmvc.RestAssuredMockMvc;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.json.JsonMapper;

import tech.flashback.creditpacks.api.ApiExceptionHandler;
import tech.flashback.creditpacks.packs.CreditPackCatalog;
import tech.flashback.creditpacks.packs.CreditPackRepository;
import tech.flashback.creditpacks.packs.CreditPacksController;

/**
 * What every generated contract test shares: the real controller and error handling in a
 * standalone MockMvc (no application context, so the suite runs in milliseconds), over a store
 * the subclass chooses, and the shape check the contracts call by name.
 */
// RestAssured's set-up is static, and the suite's speed is a figure we report: run alone.
@Isolated
abstract class ContractBase {

    static void serveFrom(CreditPackRepository store) {
        // No caching: every request reaches the store, as the contract's state demands.
        CreditPackCatalog catalog = new CreditPackCatalog(store, Duration.ZERO);
        RestAssuredMockMvc.standaloneSetup(MockMvcBuilders
                .standaloneSetup(new CreditPacksController(catalog, JsonMapper.builder().build()))
                .setControllerAdvice(new ApiExceptionHandler()));
    }

    /** Called from the contracts' bodyMatchers: {@code byCommand('assertCatalogShape($it)')}. */
    public void assertCatalogShape(Object data) {
        CatalogShape.assertValid(data);
    }
}
