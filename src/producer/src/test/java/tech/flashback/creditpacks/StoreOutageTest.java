package tech.flashback.creditpacks;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tech.flashback.creditpacks.ConcurrentClients.Response;
import tech.flashback.creditpacks.contracttests.ContractStubs;
import tech.flashback.creditpacks.packs.CreditPackCatalog;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real PostgreSQL fails under a running producer (postgres profile, default timeouts and
 * staleness bound) while 32 or 250 clients keep asking for the catalog and one more asks for a
 * path that never touches the store: frozen (SIGSTOP), its table locked, or stopped and started
 * again. Every catalog request gets the catalog or the documented 500; every client is answered
 * while the store is still down, none waits for it to come back; none gets the catalog once the
 * staleness bound has passed into the outage; the catalog comes back without a restart; and the
 * outage is logged once, not per request.
 *
 * <p>No verdict is a stopwatch reading, which a busy machine could miss: the store stays down
 * until every client has been answered to a request it sent 2.5 s or more into the outage (a
 * producer whose requests wait for the store has still not answered them half a minute later, and
 * fails), and the catalog must come back, however long the machine takes to bring it back. How
 * fast they were (the 500s in a few milliseconds, the catalog back within a few hundred) is
 * printed, for the README's table.
 *
 * <p>Run alone: 250 clients on a 2-core machine would otherwise measure the other test classes'
 * load as much as the producer's responses (and they would slow those classes down).
 */
@Isolated
class StoreOutageTest {

    private static final Duration STALENESS_BOUND = Duration.ofSeconds(1); // the default
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    /** The store stays down at least this long: past the staleness bound, and several retries of the store. */
    private static final Duration OUTAGE = Duration.ofMillis(2500);
    /**
     * How long the store stays down at most, waiting for every client to be answered: past the
     * clients' own 30 s, so a request that waits for the store is one that never came back.
     */
    private static final Duration OUTAGE_AT_MOST = ConcurrentClients.GIVE_UP.plusSeconds(10);
    /** How long the test waits for the catalog to come back, or for the clients to get going. */
    private static final Duration PATIENCE = PatientStore.PATIENCE;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    enum Outage {
        FROZEN,
        LOCKED,
        STOPPED
    }

    @AutoClose
    private static PostgresProducer producer;

    private static Connection lock;

    @BeforeAll
    static void startDatabaseAndProducer() throws Exception {
        producer = new PostgresProducer();
        // Not measured: a fresh JVM's first seconds (class loading, the JIT, Tomcat growing its
        // thread pool) are slow on a busy 2-core machine whatever the store does.
        try (ConcurrentClients catalog = new ConcurrentClients(32, producer.uri("/credits/packs"));
                ConcurrentClients unknown = new ConcurrentClients(1, producer.uri("/credits/unknown"))) {
            Thread.sleep(WARM_UP.toMillis());
        }
    }

    static Stream<Arguments> outages() {
        return Stream.of(32, 250)
                .flatMap(clients -> Stream.of(Outage.values()).map(outage -> Arguments.of(clients, outage)));
    }

    @ParameterizedTest(name = "{0} clients, store {1}")
    @MethodSource("outages")
    void everyCatalogRequestIsAnsweredWhileTheStoreIsDownAndTheCatalogComesBackWithoutARestart(
            int clients, Outage outage) throws Exception {
        AtomicReference<Observed> observing = new AtomicReference<>();
        List<ILoggingEvent> catalogLog =
                LogCapture.during(CreditPackCatalog.class, () -> observing.set(observe(clients, outage)));
        Observed observed = observing.get();

        assertEveryCatalogClientGotTheCatalogOrThe500WhileTheStoreWasDown(observed);
        assertThe500ForEveryCatalogRequestPastTheStalenessBound(observed);
        Response back = observed.firstCatalogAfterTheStoreWasBack();
        assertThat(back)
                .as("a catalog request sent after the store was back, answered with the catalog within %s", PATIENCE)
                .isNotNull();
        assertAPathThatNeverTouchesTheStoreWasServedThroughout(observed);
        // An outage is logged when it begins and when it ends (a slow read on a busy machine may add
        // a pair or two), never per request, and never with a stack trace.
        assertThat(catalogLog)
                .noneMatch(LogCapture::hasStackTrace)
                .anyMatch(event -> event.getFormattedMessage().startsWith("The credit pack store failed"))
                .anyMatch(event -> event.getFormattedMessage().startsWith("The credit pack store answers again"))
                .hasSizeLessThanOrEqualTo(20);
        printFigures(clients, outage, observed, back);
    }

    private static void assertEveryCatalogClientGotTheCatalogOrThe500WhileTheStoreWasDown(Observed observed) {
        String catalogBody = JSON.writeValueAsString(ContractStubs.responseBody("shouldReturnActivePacks"));
        String failureBody =
                JSON.writeValueAsString(ContractStubs.responseBody("shouldReturnInternalErrorWhenStoreFails"));
        for (Response response : observed.catalog()) {
            assertThat(response.status())
                    .as(
                            "status of a catalog request sent %d ms after the store broke (0: no response within %s)",
                            observed.sentAfterTheBreak(response), ConcurrentClients.GIVE_UP)
                    .isIn(200, 500);
            assertThat(JSON.readTree(response.body()))
                    .isEqualTo(JSON.readTree(response.status() == 200 ? catalogBody : failureBody));
        }
        assertThat(observed.catalogClientsUnanswered())
                .as(
                        "catalog clients not answered to a request sent %d ms or more"
                                + " into the outage, while the store stayed down %d ms",
                        OUTAGE.toMillis(), observed.storeDown().toMillis())
                .isZero();
    }

    private static void assertThe500ForEveryCatalogRequestPastTheStalenessBound(Observed observed) {
        List<Response> pastTheBound = observed.catalogPastTheStalenessBound();
        assertThat(pastTheBound)
                .as("requests sent during the outage, past the staleness bound")
                .isNotEmpty();
        assertThat(pastTheBound.stream()
                        .filter(response -> response.status() != 500)
                        .map(response -> String.format(
                                "sent %d ms into the outage: %d after %d ms",
                                observed.sentAfterTheBreak(response),
                                response.status(),
                                response.latency().toMillis())))
                .as("requests sent during the outage, past the staleness bound, that did not get the 500")
                .isEmpty();
    }

    private static void assertAPathThatNeverTouchesTheStoreWasServedThroughout(Observed observed) {
        assertThat(observed.unknown())
                .allSatisfy(response -> assertThat(response.status())
                        .as(
                                "GET /credits/unknown sent %d ms after the store broke",
                                observed.sentAfterTheBreak(response))
                        .isEqualTo(404));
        assertThat(observed.unknownClientUnanswered())
                .as("GET /credits/unknown not answered while the store was down")
                .isFalse();
    }

    /** How fast it all was, for the README's table; into the test's report, so the build stays quiet. */
    private static void printFigures(int clients, Outage outage, Observed observed, Response back) {
        List<Response> pastTheBound = observed.catalogPastTheStalenessBound();
        List<Response> unknownDuringOutage = observed.unknownDuringOutage();
        System.out.printf(
                "outage %3d clients, store %-7s: 500 responses median %4d ms, max %4d ms (%d requests);"
                        + " catalog back %4d ms after the store; GET /credits/unknown median %3d ms, max %4d ms; store down %d ms%n",
                clients,
                outage.name().toLowerCase(),
                ConcurrentClients.median(pastTheBound).toMillis(),
                ConcurrentClients.max(pastTheBound).toMillis(),
                pastTheBound.size(),
                Duration.ofNanos(back.receivedNanos() - observed.ended()).toMillis(),
                ConcurrentClients.median(unknownDuringOutage).toMillis(),
                ConcurrentClients.max(unknownDuringOutage).toMillis(),
                observed.storeDown().toMillis());
    }

    /**
     * What the clients saw, when (System.nanoTime) the store broke, began to mend, and was mended,
     * and how many clients were still waiting for a response when it began to mend.
     */
    private record Observed(
            long began,
            long mending,
            long ended,
            List<Response> catalog,
            List<Response> unknown,
            long catalogClientsUnanswered,
            boolean unknownClientUnanswered) {

        /** Catalog requests wholly inside the outage, sent once the last catalog read before it had expired. */
        List<Response> catalogPastTheStalenessBound() {
            long pastTheBound = began + STALENESS_BOUND.toNanos();
            return catalog.stream()
                    .filter(r -> r.sentNanos() >= pastTheBound && r.receivedNanos() < mending)
                    .toList();
        }

        List<Response> unknownDuringOutage() {
            return unknown.stream()
                    .filter(r -> r.sentNanos() >= began && r.receivedNanos() < mending)
                    .toList();
        }

        /** The first catalog request sent after the store was mended that got the catalog; null when none did. */
        Response firstCatalogAfterTheStoreWasBack() {
            return catalog.stream()
                    .filter(r -> r.sentNanos() >= ended && r.status() == 200)
                    .findFirst()
                    .orElse(null);
        }

        long sentAfterTheBreak(Response response) {
            return Duration.ofNanos(response.sentNanos() - began).toMillis();
        }

        Duration storeDown() {
            return Duration.ofNanos(mending - began);
        }
    }

    private static Observed observe(int clients, Outage outage) throws Exception {
        ConcurrentClients catalogClients = new ConcurrentClients(clients, producer.uri("/credits/packs"));
        ConcurrentClients unknownClient = new ConcurrentClients(1, producer.uri("/credits/unknown"));
        long began;
        long mending;
        long ended;
        long catalogClientsUnanswered;
        boolean unknownClientUnanswered;
        try {
            long started = System.nanoTime();
            awaitCondition(
                    PATIENCE,
                    () -> catalogClients.everyClientAnsweredSince(started)
                            && unknownClient.everyClientAnsweredSince(started));
            began = breakTheStore(outage);
            Thread.sleep(OUTAGE.toMillis());
            long late = began + OUTAGE.toNanos();
            awaitCondition(
                    OUTAGE_AT_MOST,
                    () -> catalogClients.everyClientAnsweredSince(late)
                            && unknownClient.everyClientAnsweredSince(late));
            catalogClientsUnanswered = catalogClients.clientsUnansweredSince(late);
            unknownClientUnanswered = !unknownClient.everyClientAnsweredSince(late);
            // The store may answer from the moment mending begins, and surely does once it is done.
            mending = System.nanoTime();
            ended = mendTheStore(outage);
            awaitCondition(
                    PATIENCE,
                    () -> catalogClients.responses().stream()
                            .anyMatch(r -> r.sentNanos() >= ended && r.status() == 200));
        } finally {
            // Closing waits for the requests still in flight, so a slow one is counted, not dropped.
            catalogClients.close();
            unknownClient.close();
        }
        return new Observed(
                began,
                mending,
                ended,
                catalogClients.responses(),
                unknownClient.responses(),
                catalogClientsUnanswered,
                unknownClientUnanswered);
    }

    /** Breaks the store; returns once it is broken (System.nanoTime). */
    private static long breakTheStore(Outage outage) throws Exception {
        switch (outage) {
            case FROZEN -> producer.freeze();
            case LOCKED -> lock = producer.lockCatalog();
            case STOPPED -> producer.stopDatabase();
        }
        return System.nanoTime();
    }

    /** Mends the store; returns once it can answer again (System.nanoTime). */
    private static long mendTheStore(Outage outage) throws Exception {
        switch (outage) {
            case FROZEN -> producer.thaw();
            case LOCKED -> {
                lock.rollback();
                lock.close();
            }
            case STOPPED -> producer.startDatabase();
        }
        return System.nanoTime();
    }

    /** Polls {@code condition} every 50 ms until it holds or {@code atMost} has passed; the verdict is the caller's. */
    private static void awaitCondition(Duration atMost, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
