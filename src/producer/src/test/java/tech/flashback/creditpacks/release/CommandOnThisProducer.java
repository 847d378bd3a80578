package tech.flashback.creditpacks.release;

import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tech.flashback.creditpacks.CreditPacksApplication;
import tech.flashback.creditpacks.statehook.StateHookController;
import tech.flashback.creditpacks.tools.ToolProperties;
import tech.flashback.creditpacks.tools.cli.MavenEntryPoint;

/**
 * {@code ./mvnw test -Pbackcompat -Dbaseline.version=1.0.0} and {@code ./mvnw test -Pcan-i-deploy}:
 * a contract tools command that verifies a producer ({@code contract-tools gate} or
 * {@code can-i-deploy}) against this build's producer, started on a free loopback port with its
 * state hook on an embedded database of its own, unless {@code -Dproducer.url} names another one.
 */
public final class CommandOnThisProducer {

    private CommandOnThisProducer() {}

    public static void main(String[] args) {
        if (System.getProperty(ToolProperties.PRODUCER_URL) != null) {
            MavenEntryPoint.main(args);
            return;
        }
        try (ConfigurableApplicationContext producer = start()) {
            String url = "http://127.0.0.1:"
                    + ((WebServerApplicationContext) producer).getWebServer().getPort();
            System.setProperty(ToolProperties.PRODUCER_URL, url);
            System.setProperty(ToolProperties.PRODUCER_STATES_URL, url + StateHookController.PATH);
            try {
                MavenEntryPoint.main(args);
            } finally {
                System.clearProperty(ToolProperties.PRODUCER_URL);
                System.clearProperty(ToolProperties.PRODUCER_STATES_URL);
            }
        }
    }

    /** This build's producer, quiet unless something is wrong. */
    private static ConfigurableApplicationContext start() {
        SpringApplication producer = new SpringApplication(CreditPacksApplication.class);
        producer.setAdditionalProfiles(StateHookController.PROFILE);
        // The tools' logging is set up already; Spring Boot would only warn that it ignores this property.
        String toolsLogging = System.clearProperty("logback.configurationFile");
        try {
            return producer.run(
                    "--server.port=0",
                    "--server.address=127.0.0.1",
                    "--spring.main.banner-mode=off",
                    // An embedded database of its own: the state hook rewrites it.
                    "--spring.datasource.url=jdbc:h2:mem:backcompat-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "--logging.level.root=WARN",
                    // The hook's start-up warning is for producers someone else might reach; this one lives for the
                    // gate only.
                    "--logging.level.tech.flashback.creditpacks.statehook=ERROR",
                    // The storefailure state breaks the store on purpose: the outage the catalog logs is the one asked
                    // for.
                    "--logging.level.tech.flashback.creditpacks.packs.CreditPackCatalog=OFF",
                    // An instrument on a possibly busy release machine: a slow read must not look like a broken
                    // contract.
                    "--credit-packs.catalog.read-timeout=10s");
        } finally {
            if (toolsLogging != null) {
                System.setProperty("logback.configurationFile", toolsLogging);
            }
        }
    }
}
