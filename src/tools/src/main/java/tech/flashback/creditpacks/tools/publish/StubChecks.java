package tech.flashback.creditpacks.tools.publish;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.direct.DirectCallHttpServer;
import com.github.tomakehurst.wiremock.direct.DirectCallHttpServerFactory;
import com.github.tomakehurst.wiremock.http.ImmutableRequest;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import tech.flashback.creditpacks.tools.published.ExampleRequest;
import tech.flashback.creditpacks.tools.published.Problem;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the publisher checks by loading the stubs into WireMock, as a consumer's WireMock loads
 * them, and sending each stub the request its contract's test sends, in the state it answers in:
 * the stub answers it (an example request its own stub does not match is a contract at odds
 * with itself); no other stub answers it instead (a contract nobody can reach); and no other stub
 * could answer it at the same priority (then which one answers is WireMock's choice, not the
 * contracts'). Each set of stubs a consumer loads is checked on its own: the public ones, and each
 * consumer's own (Stub Runner's stubs per consumer).
 */
final class StubChecks {

    private static final Notifier QUIET = new Notifier() {
        @Override
        public void info(String message) {}

        @Override
        public void error(String message) {}

        @Override
        public void error(String message, Throwable cause) {}
    };

    private StubChecks() {}

    /**
     * The digest of all the checks below look at in a set of stubs: each stub but its response (its
     * request, priority, scenario state and contract's data, among them the request its test sends),
     * and the contract's file and name problems say. The response a stub gives never decides which
     * stub answers, so a set whose responses alone changed passes or fails as it did.
     */
    static String inputs(List<PublishedContract> contracts) {
        java.security.MessageDigest digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java has no SHA-256", e);
        }
        for (PublishedContract contract : contracts) {
            for (String part : new String[] {
                contract.source().toString(),
                contract.label(),
                withoutResponse(contract.mapping()),
                withoutResponse(contract.selectorMapping())
            }) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                digest.update(bytes);
            }
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    private static String withoutResponse(ObjectNode mapping) {
        if (mapping == null) {
            return "-";
        }
        ObjectNode request = mapping.deepCopy();
        request.remove("response");
        return PublishedJson.MAPPER.writeValueAsString(request);
    }

    /** Every problem of the stubs that are loaded together; empty when each answers its own request, alone. */
    static List<String> check(List<PublishedContract> contracts) {
        List<String> problems = new ArrayList<>();
        DirectCallHttpServerFactory direct = new DirectCallHttpServerFactory();
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .httpServerFactory(direct)
                .disableRequestJournal()
                .notifier(QUIET));
        server.start();
        try {
            Map<UUID, Loaded> loaded = new LinkedHashMap<>();
            for (PublishedContract contract : contracts) {
                load(server, contract, contract.mapping(), loaded);
                if (contract.selectorMapping() != null) {
                    load(server, contract, contract.selectorMapping(), loaded);
                }
            }
            DirectCallHttpServer requests = direct.getHttpServer();
            java.util.Set<java.util.Set<PublishedContract>> ties = new java.util.HashSet<>();
            for (Loaded stub : loaded.values()) {
                String problem = ownRequestProblem(server, requests, stub, loaded);
                if (problem == null) {
                    continue;
                }
                // Two stubs that tie are one problem, whichever of them it was found from.
                PublishedContract other = loaded.values().stream()
                        .map(Loaded::contract)
                        .filter(contract -> contract != stub.contract()
                                && problem.contains(
                                        "also answered by " + contract.label() + " (" + contract.source() + ")"))
                        .findFirst()
                        .orElse(null);
                if (other == null || ties.add(java.util.Set.of(stub.contract(), other))) {
                    problems.add(
                            stub.contract().source() + " (" + stub.contract().label() + "): " + problem);
                }
            }
        } finally {
            server.stop();
        }
        return problems;
    }

    /** A stub as WireMock loaded it, with the contract it publishes and the request that contract's test sends. */
    private record Loaded(PublishedContract contract, StubMapping mapping, ExampleRequest request) {

        String where() {
            return mapping.getScenarioName() == null
                    ? "in any state"
                    : "in state " + contract.placement().state();
        }
    }

    private static void load(
            WireMockServer server, PublishedContract contract, ObjectNode json, Map<UUID, Loaded> loaded) {
        StubMapping mapping = StubMapping.buildFrom(PublishedJson.MAPPER.writeValueAsString(json));
        server.addStubMapping(mapping);
        loaded.put(
                mapping.getId(),
                new Loaded(
                        contract,
                        mapping,
                        ExampleRequest.fromJson(
                                json.path("metadata").path("contract").path("request"))));
    }

    /** Sends the stub its own request: what is wrong with how the stubs respond to it (null: nothing). */
    private static String ownRequestProblem(
            WireMockServer server, DirectCallHttpServer requests, Loaded stub, Map<UUID, Loaded> loaded) {
        server.resetScenarios();
        if (stub.mapping().getScenarioName() != null
                && !PublishedStubs.STARTED.equals(stub.mapping().getRequiredScenarioState())) {
            server.setScenarioState(
                    stub.mapping().getScenarioName(), stub.mapping().getRequiredScenarioState());
        }
        ImmutableRequest request = call(stub.request());
        Response response = requests.stubRequest(request);
        String id = response.getHeaders().getHeader("Matched-Stub-Id").isPresent()
                ? response.getHeaders().getHeader("Matched-Stub-Id").firstValue()
                : null;
        Loaded responding = id == null ? null : loaded.get(UUID.fromString(id));
        LoggedRequest logged = LoggedRequest.createFrom(request);
        if (responding == null || !stub.mapping().getRequest().match(logged).isExactMatch()) {
            return "its own stub does not match the request its test sends (" + stub.request() + "): "
                    + mismatch(stub.mapping(), logged) + "; make the example request one the stub accepts";
        }
        if (responding != stub && priority(responding) == priority(stub)) {
            return tie(stub, responding);
        }
        if (responding != stub) {
            return "in " + stub.where().replace("in ", "") + ", its request " + stub.request() + " is answered by "
                    + responding.contract().label() + " ("
                    + responding.contract().source() + ") instead, so no stub user"
                    + " ever gets its answer: tell their requests apart, or their priorities";
        }
        List<Loaded> rivals = loaded.values().stream()
                .filter(other -> other != stub
                        && sameConditions(server, other, stub)
                        && other.mapping().getRequest().match(logged).isExactMatch()
                        && Objects.equals(priority(other), priority(stub)))
                .toList();
        if (!rivals.isEmpty()) {
            return tie(stub, rivals.get(0));
        }
        return null;
    }

    private static String tie(Loaded stub, Loaded rival) {
        return stub.where() + ", its request " + stub.request() + " is also answered by "
                + rival.contract().label() + " ("
                + rival.contract().source() + ") at the same priority " + priority(stub) + ", so which one answers is"
                + " WireMock's choice: give one of them a priority, or tell their requests apart";
    }

    /** Whether {@code other} answers in the state {@code stub} was sent in: the same state of the same scenario, or any. */
    private static boolean sameConditions(WireMockServer server, Loaded other, Loaded stub) {
        if (other.mapping().getScenarioName() == null) {
            return true;
        }
        if (stub.mapping().getScenarioName() == null) {
            // A selector stub was sent in the Started state of every scenario.
            return PublishedStubs.STARTED.equals(other.mapping().getRequiredScenarioState());
        }
        if (!other.mapping().getScenarioName().equals(stub.mapping().getScenarioName())) {
            return PublishedStubs.STARTED.equals(other.mapping().getRequiredScenarioState());
        }
        return other.mapping().getRequiredScenarioState().equals(stub.mapping().getRequiredScenarioState());
    }

    private static int priority(Loaded stub) {
        return stub.mapping().getPriority() == null
                ? ContractPublication.WIREMOCK_DEFAULT_PRIORITY
                : stub.mapping().getPriority();
    }

    /** The parts of the request the stub does not accept: the method, the URL, a query parameter, a header, the body. */
    private static String mismatch(StubMapping mapping, LoggedRequest request) {
        RequestPattern pattern = mapping.getRequest();
        List<String> parts = new ArrayList<>();
        if (!pattern.getMethod().match(request.getMethod()).isExactMatch()) {
            parts.add("the method " + request.getMethod() + " is not " + pattern.getMethod());
        }
        if (pattern.getUrlMatcher() != null
                && !pattern.getUrlMatcher().match(request.getUrl()).isExactMatch()) {
            parts.add("the URL " + Problem.shorten(request.getUrl()) + " does not match "
                    + Problem.shorten(pattern.getUrlMatcher().toString()));
        }
        if (pattern.getQueryParameters() != null) {
            pattern.getQueryParameters().forEach((name, value) -> {
                if (!value.match(request.queryParameter(name)).isExactMatch()) {
                    parts.add(
                            "the query parameter " + name + " does not match " + Problem.shorten(value.getExpected()));
                }
            });
        }
        if (pattern.getHeaders() != null) {
            pattern.getHeaders().forEach((name, value) -> {
                if (!value.match(request.header(name)).isExactMatch()) {
                    parts.add("the header " + name + " (" + Problem.shorten(String.valueOf(request.getHeader(name)))
                            + ") does not match " + Problem.shorten(value.getExpected()));
                }
            });
        }
        if (pattern.getBodyPatterns() != null) {
            for (var body : pattern.getBodyPatterns()) {
                if (body instanceof com.github.tomakehurst.wiremock.matching.StringValuePattern text
                        && !text.match(request.getBodyAsString()).isExactMatch()) {
                    parts.add("the body does not match " + Problem.shorten(text.getExpected()));
                }
            }
        }
        return parts.isEmpty() ? "WireMock matches it to no stub" : String.join("; ", parts);
    }

    static ImmutableRequest call(ExampleRequest request) {
        ImmutableRequest.Builder call = ImmutableRequest.create()
                .withAbsoluteUrl("http://localhost" + request.target())
                .withMethod(RequestMethod.fromString(request.method()));
        request.headers().forEach(call::withHeader);
        // Over HTTP a request without a body has an empty one; left null, WireMock would take it for any body.
        call.withBody(request.body() == null ? new byte[0] : request.body().getBytes(StandardCharsets.UTF_8));
        return call.build();
    }
}
