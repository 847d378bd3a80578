package tech.flashback.creditpacks.tools.diff;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.direct.DirectCallHttpServer;
import com.github.tomakehurst.wiremock.direct.DirectCallHttpServerFactory;
import com.github.tomakehurst.wiremock.http.ImmutableRequest;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import tech.flashback.creditpacks.tools.contracts.ExampleRequest;
import tech.flashback.creditpacks.tools.contracts.HttpAnswer;
import tech.flashback.creditpacks.tools.contracts.PublishedStub;
import tech.flashback.creditpacks.tools.contracts.PublishedStubs;

/**
 * The candidate version's stubs, loaded by WireMock in this JVM exactly as a consumer's WireMock
 * loads them: the contract diff sends them the old version's requests and sees what a consumer
 * would now get, and which stub answered. The requests go straight to WireMock's request handler
 * (its direct-call server): the same matching, priorities and scenarios as over HTTP, without
 * starting a web server for a report.
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
    private final DirectCallHttpServer requests;

    private CandidateStubs(PublishedStubs published, WireMockServer server, DirectCallHttpServer requests) {
        this.published = published;
        this.server = server;
        this.requests = requests;
    }

    static CandidateStubs start(PublishedStubs published) {
        DirectCallHttpServerFactory direct = new DirectCallHttpServerFactory();
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .httpServerFactory(direct)
                .usingFilesUnderDirectory(published.root().toString())
                .disableRequestJournal()
                .notifier(QUIET));
        server.start();
        return new CandidateStubs(published, server, direct.getHttpServer());
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

    Answered send(ExampleRequest request) {
        ImmutableRequest.Builder call = ImmutableRequest.create()
                .withAbsoluteUrl("http://localhost" + request.target())
                .withMethod(RequestMethod.fromString(request.method()));
        request.headers().forEach(call::withHeader);
        Response response = requests.stubRequest(call.build());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.getHeaders().all().forEach(header -> headers.put(header.key(), header.values()));
        HttpAnswer answer = new HttpAnswer(response.getStatus(), headers, response.getBody());
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
