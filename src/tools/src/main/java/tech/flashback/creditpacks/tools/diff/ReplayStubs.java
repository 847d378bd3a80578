package tech.flashback.creditpacks.tools.diff;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.direct.DirectCallHttpServer;
import com.github.tomakehurst.wiremock.direct.DirectCallHttpServerFactory;
import com.github.tomakehurst.wiremock.http.ImmutableRequest;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import tech.flashback.creditpacks.tools.published.ExampleRequest;
import tech.flashback.creditpacks.tools.published.ObservedResponse;
import tech.flashback.creditpacks.tools.published.PublishedStub;
import tech.flashback.creditpacks.tools.published.PublishedStubs;

/**
 * One version's stubs, loaded by WireMock in this JVM exactly as a consumer's WireMock loads
 * them: the contract diff sends the candidate's stubs the baseline's requests and sees what a
 * consumer would now get, and which stub responded (and asks the baseline's stubs how they
 * responded to a request only the candidate's name). The requests go straight to WireMock's request handler
 * (its direct-call server): the same matching, priorities and scenarios as over HTTP, without
 * starting a web server for a report.
 */
final class ReplayStubs implements AutoCloseable {

    /** What came back, and the stub that responded (null when none matched). */
    record StubResponse(ObservedResponse response, PublishedStub stub) {}

    /**
     * WireMock reports every unmatched request (a near-miss table); an unmatched replay is a
     * finding the diff reports in its own words, so the table would only be noise.
     */
    private static final Notifier QUIET = new Notifier() {
        @Override
        public void info(String message) {}

        @Override
        public void error(String message) {}

        @Override
        public void error(String message, Throwable cause) {}
    };

    private final PublishedStubs published;
    private final WireMockServer server;
    private final DirectCallHttpServer requests;

    private ReplayStubs(PublishedStubs published, WireMockServer server, DirectCallHttpServer requests) {
        this.published = published;
        this.server = server;
        this.requests = requests;
    }

    static ReplayStubs start(PublishedStubs published) {
        return start(published, false);
    }

    /**
     * @param publicOnly only the public contracts' stubs: what the producer itself promises, without the
     *                   consumers' own stubs a consumer's request could otherwise meet
     */
    static ReplayStubs start(PublishedStubs published, boolean publicOnly) {
        DirectCallHttpServerFactory direct = new DirectCallHttpServerFactory();
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .httpServerFactory(direct)
                .usingFilesUnderDirectory(published.root().toString())
                .disableRequestJournal()
                .notifier(QUIET));
        server.start();
        if (publicOnly) {
            server.getStubMappings().stream()
                    .filter(mapping -> mapping.getMetadata() != null
                            && mapping.getMetadata().getMetadata("contract").containsKey("consumer"))
                    .toList()
                    .forEach(server::removeStubMapping);
        }
        return new ReplayStubs(published, server, direct.getHttpServer());
    }

    /** Back to WireMock's Started state, then to {@code scenarioState}; false when these stubs have no such state. */
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

    StubResponse send(ExampleRequest request) {
        Response wireMockResponse = requests.stubRequest(call(request));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        wireMockResponse.getHeaders().all().forEach(header -> headers.put(header.key(), header.values()));
        ObservedResponse response =
                new ObservedResponse(wireMockResponse.getStatus(), headers, wireMockResponse.getBody());
        String id = response.header("Matched-Stub-Id");
        if (id == null) {
            return new StubResponse(response, null);
        }
        return new StubResponse(response, stubOf(server.getSingleStubMapping(UUID.fromString(id))));
    }

    /** The stubs whose request matcher accepts {@code request}, in whatever scenario state they respond. */
    List<PublishedStub> matching(ExampleRequest request) {
        // As WireMock logs it: a request built in memory says null for a query parameter it lacks.
        Request call = LoggedRequest.createFrom(call(request));
        return server.getStubMappings().stream()
                .filter(mapping -> mapping.getRequest().match(call).isExactMatch())
                .map(this::stubOf)
                .filter(Objects::nonNull)
                .toList();
    }

    private static Request call(ExampleRequest request) {
        ImmutableRequest.Builder call = ImmutableRequest.create()
                .withAbsoluteUrl("http://localhost" + request.target())
                .withMethod(RequestMethod.fromString(request.method()));
        request.headers().forEach(call::withHeader);
        // Over HTTP a request without a body has an empty one; left null, WireMock would take it for any body.
        call.withBody(
                request.body() == null
                        ? new byte[0]
                        : request.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return call.build();
    }

    private PublishedStub stubOf(StubMapping mapping) {
        if (mapping.getMetadata() == null) {
            return null;
        }
        var contract = mapping.getMetadata().getMetadata("contract");
        String name = contract.getString("name");
        String consumer = contract.containsKey("consumer") ? contract.getString("consumer") : null;
        boolean selector = contract.containsKey("selector");
        return published.stubs().stream()
                .filter(stub -> stub.contract().equals(name)
                        && Objects.equals(stub.consumer(), consumer)
                        && stub.selector() == selector)
                .findFirst()
                .orElse(null);
    }

    @Override
    public void close() {
        server.stop();
    }
}
