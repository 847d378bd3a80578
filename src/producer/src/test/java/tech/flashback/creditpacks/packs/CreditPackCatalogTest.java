package tech.flashback.creditpacks.packs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import tech.flashback.creditpacks.PatientStore;

/**
 * The catalog's rules, on a clock the test moves: the staleness bound, one read at a time, a
 * bounded wait, failures remembered briefly, recovery without a restart, and refresh().
 */
class CreditPackCatalogTest {

    private static final Duration BOUND = Duration.ofSeconds(1);
    /**
     * Long enough that a read never times out on a busy machine unless the test means it to; also
     * how long the test waits for anything it waits for (a read to begin, a request to park).
     */
    private static final Duration READ_TIMEOUT = PatientStore.PATIENCE;
    /** For the tests of a hanging store, which wait it out. */
    private static final Duration SHORT_READ_TIMEOUT = Duration.ofMillis(300);
    /**
     * How long a hanging store hangs unless the test lets it go first: far beyond the short read
     * timeout, so that a request that waited for the store instead is told apart by far.
     */
    private static final Duration HANG = Duration.ofSeconds(30);

    private static final Duration RETRY = Duration.ofMillis(250);
    private static final List<CreditPack> BEFORE = List.of(pack("pack-1"), pack("pack-2"));
    private static final List<CreditPack> AFTER = List.of(pack("pack-2"));

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicReference<List<CreditPack>> stored = new AtomicReference<>(BEFORE);
    private final ExecutorService clients = Executors.newFixedThreadPool(32);

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void readsTheStoreOnceWithinTheStalenessBound() {
        CreditPackCatalog catalog = catalog(countingStore());

        assertThat(catalog.available().packs()).isEqualTo(BEFORE);
        advance(BOUND.dividedBy(3));
        assertThat(catalog.available().packs()).isEqualTo(BEFORE);
        assertThat(reads).hasValue(1);
    }

    @Test
    void neverServesACatalogReadMoreThanTheBoundBeforeTheRequestArrived() throws Exception {
        CreditPackCatalog catalog = catalog(countingStore());
        catalog.available();

        stored.set(AFTER); // a pack is deactivated in the store
        advance(BOUND.dividedBy(2).plusNanos(1));
        // Still within the bound: the old catalog may be served, and a read starts ahead of time.
        assertThat(catalog.available().packs()).isEqualTo(BEFORE);
        awaitReads(2);
        advance(BOUND.dividedBy(2));

        assertThat(catalog.available().packs()).isEqualTo(AFTER);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aCatalogOlderThanTheBoundIsNeverServedEvenWithoutTrafficInBetween() {
        CreditPackCatalog catalog = catalog(countingStore());
        catalog.available();
        stored.set(AFTER);

        advance(BOUND.plusNanos(1));

        assertThat(catalog.available().packs()).isEqualTo(AFTER);
    }

    @Test
    void concurrentRequestsShareOneReadOfTheStore() throws Exception {
        CountDownLatch storeReleased = new CountDownLatch(1);
        CreditPackCatalog catalog = catalog(storeHeldUntil(storeReleased));

        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            requests.add(request(catalog));
        }
        // Every request arrives while the read is under way: it is held until all of them wait in the catalog.
        awaitReads(1);
        awaitCondition(
                "every request waiting in the catalog",
                () -> requests.stream().allMatch(Request::waitingInCatalogOrDone));
        storeReleased.countDown();

        for (Request request : requests) {
            assertThat(request.snapshot()
                            .get(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                            .packs())
                    .isEqualTo(BEFORE);
        }
        assertThat(reads).hasValue(1);
    }

    @Test
    void aRequestWaitsForAHangingStoreNoLongerThanTheReadTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        CreditPackCatalog catalog =
                new CreditPackCatalog(storeHeldUntil(never), BOUND, SHORT_READ_TIMEOUT, RETRY, now::get);

        long started = System.nanoTime();
        assertThatThrownBy(catalog::available).isInstanceOf(DataAccessException.class);
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        never.countDown();

        // It waited for the read, and gave up on it while the store still hung (a request that waits
        // for the store gets the catalog after HANG, not the failure). A busy machine only makes the
        // wait longer than the read timeout, never longer than half the hang.
        assertThat(waited).isGreaterThanOrEqualTo(SHORT_READ_TIMEOUT).isLessThan(HANG.dividedBy(2));
    }

    @Test
    void afterAFailedReadRequestsAnswerAtOnceWithoutAskingTheStore() {
        CreditPackCatalog catalog = catalog(failingStore());
        assertThatThrownBy(catalog::available).isInstanceOf(DataAccessException.class);

        for (int i = 0; i < 100; i++) {
            assertThatThrownBy(catalog::available).isInstanceOf(DataAccessException.class);
        }

        assertThat(reads).hasValue(1);
    }

    @Test
    void afterAnOverdueReadRequestsAnswerAtOnceWhileItGoesOn() {
        CountDownLatch storeReleased = new CountDownLatch(1);
        CreditPackCatalog catalog =
                new CreditPackCatalog(storeHeldUntil(storeReleased), BOUND, SHORT_READ_TIMEOUT, RETRY, now::get);
        assertThatThrownBy(catalog::available).isInstanceOf(DataAccessException.class);

        for (int i = 0; i < 100; i++) {
            assertThatThrownBy(catalog::available).isInstanceOf(DataAccessException.class);
        }

        assertThat(reads).hasValue(1);
        storeReleased.countDown();
    }

    @Test
    void triesTheStoreAgainInTheBackgroundAndRecoversWithoutARestart() throws Exception {
        AtomicInteger failuresLeft = new AtomicInteger(1);
        CreditPackCatalog catalog = catalog(() -> {
            reads.incrementAndGet();
            if (failuresLeft.getAndDecrement() > 0) {
                throw new DataAccessResourceFailureException("connection refused");
            }
            return BEFORE;
        });
        assertThatThrownBy(catalog::available).isInstanceOf(DataAccessException.class);

        advance(RETRY);
        // This request starts the new read but does not wait for it: the store was failing.
        assertThatThrownBy(catalog::available).isInstanceOf(DataAccessException.class);
        awaitReads(2);
        awaitCatalog(catalog, BEFORE);

        assertThat(reads).hasValue(2);
    }

    @Test
    void anyFailureOfTheStoreIsADataAccessFailure() {
        CreditPackCatalog catalog = catalog(() -> {
            throw new IllegalStateException("a row the mapper could not read");
        });

        assertThatThrownBy(catalog::available).isInstanceOf(DataAccessException.class);
    }

    @Test
    void refreshForgetsTheCatalogAndTheFailureSoTheNextRequestReadsTheStore() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        CreditPackCatalog catalog = catalog(() -> {
            reads.incrementAndGet();
            if (failure.get() != null) {
                throw failure.get();
            }
            return stored.get();
        });
        catalog.available();

        stored.set(AFTER);
        catalog.refresh();
        assertThat(catalog.available().packs()).isEqualTo(AFTER);

        failure.set(new DataAccessResourceFailureException("table renamed"));
        catalog.refresh();
        assertThatThrownBy(catalog::available).isInstanceOf(DataAccessException.class);

        failure.set(null);
        catalog.refresh();
        assertThat(catalog.available().packs()).isEqualTo(AFTER);
        assertThat(reads).hasValue(4);
    }

    @Test
    void aZeroBoundReadsTheStoreForEveryRequest() {
        CreditPackCatalog catalog = new CreditPackCatalog(countingStore(), Duration.ZERO);

        catalog.available();
        catalog.available();

        assertThat(reads).hasValue(2);
    }

    @Test
    void tellsHowLongTheCatalogMayStillBeCached() {
        CreditPackCatalog catalog =
                new CreditPackCatalog(countingStore(), Duration.ofSeconds(30), READ_TIMEOUT, RETRY, now::get);

        CreditPackCatalog.Snapshot snapshot = catalog.available();
        advance(Duration.ofMillis(10_500));

        assertThat(snapshot.secondsFreshAt(now.get())).isEqualTo(19);
        assertThat(snapshot.secondsFreshAt(now.get() + Duration.ofMinutes(1).toNanos()))
                .isZero();
    }

    private CreditPackCatalog catalog(CreditPackRepository store) {
        return new CreditPackCatalog(store, BOUND, READ_TIMEOUT, RETRY, now::get);
    }

    private CreditPackRepository countingStore() {
        return () -> {
            reads.incrementAndGet();
            return stored.get();
        };
    }

    /** A store whose reads return only once {@code released} is counted down (or after {@link #HANG}). */
    private CreditPackRepository storeHeldUntil(CountDownLatch released) {
        return () -> {
            reads.incrementAndGet();
            await(released);
            return BEFORE;
        };
    }

    /** A request on a client thread of its own, which the test can watch. */
    private record Request(AtomicReference<Thread> thread, Future<CreditPackCatalog.Snapshot> snapshot) {

        /** Parked in the catalog, waiting for the read under way; or already answered, having waited for nothing. */
        boolean waitingInCatalogOrDone() {
            Thread requesting = thread.get();
            return snapshot.isDone()
                    || requesting != null
                            && (requesting.getState() == Thread.State.WAITING
                                    || requesting.getState() == Thread.State.TIMED_WAITING)
                            && Arrays.stream(requesting.getStackTrace())
                                    .anyMatch(frame -> frame.getClassName().equals(CreditPackCatalog.class.getName()));
        }
    }

    private Request request(CreditPackCatalog catalog) {
        AtomicReference<Thread> thread = new AtomicReference<>();
        return new Request(thread, clients.submit(() -> {
            thread.set(Thread.currentThread());
            return catalog.available();
        }));
    }

    private CreditPackRepository failingStore() {
        return () -> {
            reads.incrementAndGet();
            throw new DataAccessResourceFailureException("connection refused");
        };
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    private void awaitReads(int count) throws InterruptedException {
        awaitCondition(count + " reads of the store begun", () -> reads.get() >= count);
    }

    /** Polls {@code condition} until it holds; fails, naming it, if it still does not after {@link #READ_TIMEOUT}. */
    private static void awaitCondition(String condition, BooleanSupplier holds) throws InterruptedException {
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (!holds.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not reached within " + READ_TIMEOUT + ": " + condition);
            }
            Thread.sleep(5);
        }
    }

    /** A background read has finished once the catalog answers; requests in between get the 500. */
    private static void awaitCatalog(CreditPackCatalog catalog, List<CreditPack> expected) throws InterruptedException {
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                assertThat(catalog.available().packs()).isEqualTo(expected);
                return;
            } catch (DataAccessException stillFailing) {
                Thread.sleep(5);
            }
        }
        assertThat(catalog.available().packs()).isEqualTo(expected);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(HANG.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CreditPack pack(String id) {
        return new CreditPack(id, "Name of " + id, id.toUpperCase(), 100, new BigDecimal("9.99"));
    }
}
