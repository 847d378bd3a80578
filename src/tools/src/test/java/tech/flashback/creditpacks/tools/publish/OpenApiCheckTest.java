package tech.flashback.creditpacks.tools.publish;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import org.junit.jupiter.api.Test;

/**
 * What the build refuses to hand consumers as its OpenAPI document, each named by its operation
 * and part: examples outside their schemas (request bodies, parameters, stub selectors), two
 * operations with one id, an undeclared path parameter, and a stub state whose example is missing.
 */
class OpenApiCheckTest {

    /** A valid document: POST /packs/{id} with a parameter, a body, a selector and a state. */
    private static final String VALID = """
            openapi: "3.1.0"
            info:
              title: "t"
              version: "1"
            paths:
              /packs/{id}:
                post:
                  operationId: "postPacksById"
                  parameters:
                    - name: "id"
                      in: "path"
                      required: true
                      schema:
                        type: "string"
                        pattern: "^(?:[0-9]+)$"
                        examples:
                          - "42"
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema:
                          type: "object"
                          required:
                            - "packId"
                          properties:
                            packId:
                              type: "string"
                              pattern: "^(?:pack-[0-9]+)$"
                        examples:
                          available:
                            value:
                              packId: "pack-1"
                  responses:
                    "200":
                      description: "OK"
                      content:
                        application/json:
                          schema:
                            type: "object"
                          examples:
                            available:
                              value: {}
                  x-stub-selectors:
                    - name: "simulate"
                      in: "query"
                      schema:
                        type: "string"
                        enum:
                          - "internal-error"
                      answers:
                        - value: "internal-error"
                          status: 200
                  x-stub-states:
                    scenario: "packs"
                    states:
                      - state: "available"
                        status: 200
                        example: "available"
            """;

    @Test
    void theValidDocumentPasses() {
        assertThatNoException().isThrownBy(() -> OpenApiCheck.assertValid(VALID));
    }

    @Test
    void aRequestBodyExampleThatBreaksItsSchemaIsRefused() {
        assertThatIllegalStateException()
                .isThrownBy(() -> OpenApiCheck.assertValid(edit("packId: \"pack-1\"", "packId: \"gold\"")))
                .withMessageContaining(
                        "POST /packs/{id} request body example available: $.packId: expected a string matching"
                                + " ^(?:pack-[0-9]+)$, got the string \"gold\"");
    }

    @Test
    void aParameterExampleOutsideItsSchemaIsRefused() {
        assertThatIllegalStateException()
                .isThrownBy(() -> OpenApiCheck.assertValid(edit("- \"42\"", "- \"forty-two\"")))
                .withMessageContaining(
                        "POST /packs/{id} parameter id (path) example \"forty-two\": $: expected a string matching"
                                + " ^(?:[0-9]+)$, got the string \"forty-two\"");
    }

    @Test
    void aStubSelectorValueOutsideItsSchemaIsRefused() {
        assertThatIllegalStateException()
                .isThrownBy(
                        () -> OpenApiCheck.assertValid(edit("- value: \"internal-error\"", "- value: \"store-down\"")))
                .withMessageContaining(
                        "POST /packs/{id} stub selector simulate value \"store-down\": $: expected one of");
    }

    @Test
    void aStubStateNamingAnExampleItsResponseLacksIsRefused() {
        assertThatIllegalStateException()
                .isThrownBy(() -> OpenApiCheck.assertValid(edit("example: \"available\"", "example: \"gone\"")))
                .withMessageContaining(
                        "POST /packs/{id} stub state available: its response 200 has no example named gone");
    }

    @Test
    void twoOperationsWithOneIdAreRefused() {
        String twice = VALID + """
                  /packs:
                    get:
                      operationId: "postPacksById"
                      responses:
                        "204":
                          description: "No Content"
                """;

        assertThatIllegalStateException()
                .isThrownBy(() -> OpenApiCheck.assertValid(twice))
                .withMessageContaining("GET /packs: the operationId postPacksById is also the one of POST /packs/{id}");
    }

    @Test
    void aPathTemplateWhoseParameterIsNotDeclaredIsRefusedByTheReferenceParser() {
        assertThatIllegalStateException()
                .isThrownBy(() -> OpenApiCheck.assertValid(edit("/packs/{id}:", "/packs/{id}/{size}:")))
                .withMessageContaining(
                        "swagger-parser: paths.'/packs/{id}/{size}'. Declared path parameter size needs to be defined"
                                + " as a path parameter in path or operation level");
    }

    private static String edit(String from, String to) {
        String edited = VALID.replace(from, to);
        if (edited.equals(VALID)) {
            throw new IllegalArgumentException("the edit does not apply: " + from);
        }
        return edited;
    }
}
