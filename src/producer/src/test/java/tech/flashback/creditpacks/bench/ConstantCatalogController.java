package tech.flashback.creditpacks.bench;

import java.nio.file.Path;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load benchmark's baseline (src/bench/producer-load): the same bytes as
 * {@code GET /credits/packs} from the same stack (Tomcat, Spring MVC, the same filters and error
 * handling), without the catalog. It lives in the test tree and only in the
 * {@code benchmark-baseline} profile, so the shipped service never has it.
 */
@RestController
@Profile("benchmark-baseline")
class ConstantCatalogController {

    private final byte[] body;

    ConstantCatalogController() {
        JsonMapper json = JsonMapper.builder().build();
        Path stub = Path.of("stubs/mappings/credits/packs/available/shouldReturnActivePacks.json");
        this.body = json.writeValueAsBytes(
                json.readTree(stub.toFile()).get("response").get("jsonBody"));
    }

    @GetMapping(path = "/benchmark/constant-packs", produces = MediaType.APPLICATION_JSON_VALUE)
    byte[] constantPacks() {
        return body;
    }
}
