package tech.flashback.creditpacks.statehook;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tech.flashback.creditpacks.CreditPacksApplication;

/**
 * The state hook rewrites the catalog and breaks the store on request, so it must not exist in
 * the configurations the producer runs in for real: the embedded default and {@code postgres}.
 */
class StateHookAbsentTest {

    @Test
    void theDefaultConfigurationHasNoStateHook() throws Exception {
        try (HookProducer producer = HookProducer.start(
                new SpringApplicationBuilder(CreditPacksApplication.class),
                "--spring.datasource.url=jdbc:h2:mem:no-hook-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")) {
            assertNoHook(producer);
        }
    }

    @Test
    void thePostgresProfileHasNoStateHook() throws Exception {
        try (EmbeddedPostgres postgres = HookProducer.startPostgres();
                HookProducer producer = HookProducer.start(
                        new SpringApplicationBuilder(CreditPacksApplication.class).profiles("postgres"),
                        onPostgres(postgres))) {
            assertNoHook(producer);
        }
    }

    @Test
    void onPostgresTheHookProfileAloneIsNotEnoughTheRealStoreMustBeAllowed() throws Exception {
        try (EmbeddedPostgres postgres = HookProducer.startPostgres()) {
            try (HookProducer producer = HookProducer.start(
                    new SpringApplicationBuilder(CreditPacksApplication.class)
                            .profiles("postgres", StateHookController.PROFILE),
                    onPostgres(postgres))) {
                assertNoHook(producer);
            }
            try (HookProducer producer = HookProducer.start(
                    new SpringApplicationBuilder(CreditPacksApplication.class)
                            .profiles("postgres", StateHookController.PROFILE),
                    onPostgres(postgres, "--" + StateHookController.REAL_STORE + "=true"))) {
                assertThat(producer.change("available", "setup").statusCode()).isEqualTo(200);
            }
        }
    }

    private static String[] onPostgres(EmbeddedPostgres postgres, String... more) {
        List<String> arguments = new ArrayList<>(HookProducer.PATIENT_POSTGRES_DRIVER);
        arguments.addAll(List.of(
                "--spring.datasource.url=" + HookProducer.postgresUrl(postgres, "postgres"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password="));
        arguments.addAll(List.of(more));
        return arguments.toArray(String[]::new);
    }

    private static void assertNoHook(HookProducer producer) throws Exception {
        HttpResponse<String> response = producer.change("available", "setup");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body())
                .isEqualTo(
                        "{\"success\":false,\"error_code\":\"NOT_FOUND\",\"message\":\"No endpoint matches this path\"}");
        assertThat(producer.bean(RequestMappingHandlerMapping.class)
                        .getHandlerMethods()
                        .keySet())
                .flatExtracting(mapping -> mapping.getPatternValues())
                .doesNotContain(StateHookController.PATH)
                .contains("/credits/packs");
    }
}
