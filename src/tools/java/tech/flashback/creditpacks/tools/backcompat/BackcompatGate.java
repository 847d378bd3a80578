package tech.flashback.creditpacks.tools.backcompat;

import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tech.flashback.creditpacks.CreditPacksApplication;
import tech.flashback.creditpacks.contractstates.ContractStatesController;
import tech.flashback.creditpacks.tools.ToolProperties;
import tech.flashback.creditpacks.tools.contracts.PublishedStubs;
import tech.flashback.creditpacks.tools.verify.ContractVerification;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Report;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Target;
import tech.flashback.creditpacks.tools.verify.HttpProbe;

/**
 * The backcompat gate: before a release, the contracts that consumers already built against
 * (those in the last published stubs jar) are run against the new producer and held to that
 * version's own published rules, read as data from its jar (no code from a downloaded jar runs).
 *
 * <p>{@code ./mvnw test -Pbackcompat -Dbaseline.version=1.0.0 [-Dbaseline.repository=URL]
 * [-Dproducer.url=URL [-Dproducer.states.url=URL]]}: without a producer URL, this build's
 * producer is started on a free port with its state hook, so every contract runs.
 */
public final class BackcompatGate {

    private BackcompatGate() {
    }

    public static void main(String[] args) {
        String version = ToolProperties.optional("baseline.version");
        if (version == null) {
            throw new IllegalArgumentException("Name the published version to check against: -Dbaseline.version=1.0.0");
        }
        PublishedStubs baseline;
        try {
            // Read as data once: nothing in the unpacked jar is needed afterwards.
            baseline = PublishedStubs.read(StubsJar.resolve(version, ToolProperties.optional("baseline.repository")));
        } finally {
            StubsJar.cleanUp();
        }
        String producerUrl = ToolProperties.optional("producer.url");
        ConfigurableApplicationContext ownProducer = null;
        Target target;
        if (producerUrl == null) {
            ownProducer = startOwnProducer();
            String url = "http://127.0.0.1:" + ((WebServerApplicationContext) ownProducer).getWebServer().getPort();
            target = new Target(url, url + ContractStatesController.PATH);
        } else {
            String statesUrl = ToolProperties.optional("producer.states.url");
            target = new Target(HttpProbe.baseUrl("producer.url", producerUrl),
                    statesUrl == null ? null : HttpProbe.baseUrl("producer.states.url", statesUrl));
        }
        try {
            Report report = check(version, baseline, target);
            System.out.print(report.render());
            if (!report.passed()) {
                throw new IllegalStateException("The producer at " + HttpProbe.shown(target.producerUrl()) + " breaks contracts of "
                        + version + " (report above)");
            }
        } finally {
            if (ownProducer != null) {
                ownProducer.close();
            }
        }
    }

    public static Report check(String version, PublishedStubs baseline, Target target) {
        return new ContractVerification(new HttpProbe(HttpProbe.Limits.DEFAULT))
                .run(StubsJar.coordinates(version), baseline, target);
    }

    /** This build's producer on a free loopback port, with its state hook, quiet unless something is wrong. */
    private static ConfigurableApplicationContext startOwnProducer() {
        SpringApplication producer = new SpringApplication(CreditPacksApplication.class);
        producer.setAdditionalProfiles(ContractStatesController.PROFILE);
        // The tools' logging is set up already; Spring Boot would only warn that it ignores this property.
        String toolsLogging = System.clearProperty("logback.configurationFile");
        try {
            return run(producer);
        } finally {
            if (toolsLogging != null) {
                System.setProperty("logback.configurationFile", toolsLogging);
            }
        }
    }

    private static ConfigurableApplicationContext run(SpringApplication producer) {
        return producer.run("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                // An embedded database of its own: the state hook rewrites it.
                "--spring.datasource.url=jdbc:h2:mem:backcompat-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--logging.level.root=WARN",
                // The hook's start-up warning is for producers someone else might reach; this one lives for the gate only.
                "--logging.level.tech.flashback.creditpacks.contractstates=ERROR",
                // The storefailure state breaks the store on purpose: the outage the catalog logs is the one asked for.
                "--logging.level.tech.flashback.creditpacks.packs.CreditPackCatalog=OFF",
                // An instrument on a possibly busy release machine: a slow read must not look like a broken contract.
                "--credit-packs.catalog.read-timeout=10s");
    }
}
