package tech.flashback.creditpacks.tools.diff;

import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import tech.flashback.creditpacks.tools.contracts.ExampleRequest;
import tech.flashback.creditpacks.tools.contracts.HttpAnswer;
import tech.flashback.creditpacks.tools.contracts.PublishedStub;
import tech.flashback.creditpacks.tools.contracts.PublishedStubs;
import tech.flashback.creditpacks.tools.verify.HttpProbe;

/**
 * The candidate version's stubs, served by WireMock in this JVM on a loopback port, exactly as a
 * consumer's WireMock serves them: the contract diff sends them the old version's requests and
 * sees what a consumer would now get, and which stub answered.
 */
final class CandidateStubs implements AutoCloseable {

    /** What came back, and the candidate stub that answered (null when none matched). */
    record Answered(HttpAnswer answer, PublishedStub stub) {
    }

    /**
     * WireMock reports every unmatched request (a near-miss table); an unmatched replay is a
     * finding the diff reports in its own words, so the table would only be noise.
     */
    private static final Notifier QUIET = new Notifier() {
        @Override
        public void info(String message) {
        }

        @Override
        public void error(String message) {
        }

        @Override
        public void error(String message, Throwable cause) {
        }
    };

    private final PublishedStubs published;
    private final WireMockServer server;
    private final HttpProbe probe = new HttpProbe(HttpProbe.Limits.DEFAULT);

    private CandidateStubs(PublishedStubs published, WireMockServer server) {
        this.published = published;
        this.server = server;
    }

    static CandidateStubs start(PublishedStubs published) {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .usingFilesUnderDirectory(published.root().toString())
                .disableRequestJournal()
                .notifier(QUIET));
        server.start();
        return new CandidateStubs(published, server);
    }

    /** Back to WireMock's Started state, then to {@code scenarioState}; false when the candidate has no such state. */
    boolean enter(String scenario, String scenarioState) {
        server.resetScenarios();
        if (PublishedStubs.STARTED.equals(scenarioState)) {
            return true;
        }
        try {
            server.setScenarioState(scenario, scenarioState);
            return true;
        } catch (RuntimeException noSuchScenarioOrState) {
            return false;
        }
    }

    Answered send(ExampleRequest request) throws HttpProbe.Failure {
        HttpAnswer answer = probe.send("http://127.0.0.1:" + server.port(), request);
        String id = answer.header("Matched-Stub-Id");
        if (id == null) {
            return new Answered(answer, null);
        }
        StubMapping mapping = server.getSingleStubMapping(UUID.fromString(id));
        String contract = mapping.getMetadata() == null ? null : mapping.getMetadata().getMetadata("contract").getString("name");
        boolean selector = mapping.getMetadata() != null && mapping.getMetadata().getMetadata("contract").containsKey("selector");
        PublishedStub stub = published.stubs().stream()
                .filter(candidate -> candidate.contract().equals(contract) && candidate.selector() == selector)
                .findFirst().orElse(null);
        return new Answered(answer, stub);
    }

    @Override
    public void close() {
        server.stop();
    }
}
