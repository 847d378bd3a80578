package tech.flashback.creditpacks.statehook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import tech.flashback.creditpacks.packs.CreditPack;
import tech.flashback.creditpacks.packs.CreditPackCatalog;
import tech.flashback.creditpacks.packs.CreditPackRepository;

/**
 * The catalog's side of a state change ({@link CreditPackCatalog#change}), step by step on a store
 * of the test's own: each test holds the store or the change where the race would be, waits until
 * the other side is really waiting, and lets go. No verdict depends on timing.
 */
class StateHookCatalogChangeTest {

    private static final Duration WITHIN = HookProducer.PATIENCE;
    /** The producer's default retry interval. */
    private static final Duration RETRY = Duration.ofMillis(250);

    private static final List<CreditPack> BEFORE = List.of(pack("pack-1"), pack("pack-2"));
    private static final List<CreditPack> AFTER = List.of(pack("pack-2"));

    /** The store's table: what a read finds right now. */
    private final AtomicReference<List<CreditPack>> table = new AtomicReference<>(BEFORE);

    private final AtomicBoolean failing = new AtomicBoolean();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aReadUnderWayWhenAChangeBeginsFinishesBeforeTheStoreIsTouched() throws Exception {
        CountDownLatch readHeld = new CountDownLatch(1);
        CountDownLatch releaseRead = new CountDownLatch(1);
        AtomicBoolean holdNextRead = new AtomicBoolean(true);
        AtomicBoolean heldReadReturned = new AtomicBoolean();
        CreditPackCatalog catalog = catalog(
                () -> {
                    if (holdNextRead.getAndSet(false)) {
                        readHeld.countDown();
                        await(releaseRead);
                        List<CreditPack> found = table.get();
                        heldReadReturned.set(true);
                        return found;
                    }
                    return table.get();
                },
                Duration.ZERO);
        Running<CreditPackCatalog.Snapshot> request = run(catalog::available);
        await(readHeld);

        AtomicBoolean readFinishedFirst = new AtomicBoolean();
        Running<?> change = run(() -> catalog.change(
                () -> {
                    readFinishedFirst.set(heldReadReturned.get());
                    table.set(AFTER);
                },
                WITHIN));
        waitUntil(change::waitingInCatalogOrDone);
        releaseRead.countDown();

        change.result();
        assertThat(request.result().packs()).isEqualTo(BEFORE);
        assertThat(readFinishedFirst).isTrue();
        assertThat(catalog.available().packs()).isEqualTo(AFTER);
    }

    @Test
    void aRequestDuringAChangeGetsTheCatalogBeforeOrAfterItNeverTheStoreHalfChanged() throws Exception {
        CountDownLatch halfChanged = new CountDownLatch(1);
        CountDownLatch finishChange = new CountDownLatch(1);
        // With a zero bound every request needs a read: the adversarial case.
        CreditPackCatalog catalog = catalog(table::get, Duration.ZERO);
        assertThat(catalog.available().packs()).isEqualTo(BEFORE);

        Running<?> change = run(() -> catalog.change(
                () -> {
                    table.set(List.of());
                    halfChanged.countDown();
                    await(finishChange);
                    table.set(AFTER);
                },
                WITHIN));
        await(halfChanged);
        Running<CreditPackCatalog.Snapshot> request = run(catalog::available);
        waitUntil(request::waitingInCatalogOrDone);
        finishChange.countDown();

        change.result();
        assertThat(request.result().packs()).isEqualTo(AFTER);
    }

    @Test
    void aRequestDuringAChangeIsServedTheFreshCatalogFromBeforeWithoutWaiting() throws Exception {
        CountDownLatch halfChanged = new CountDownLatch(1);
        CountDownLatch finishChange = new CountDownLatch(1);
        CreditPackCatalog catalog = catalog(table::get, WITHIN);
        assertThat(catalog.available().packs()).isEqualTo(BEFORE);

        Running<?> change = run(() -> catalog.change(
                () -> {
                    table.set(List.of());
                    halfChanged.countDown();
                    await(finishChange);
                    table.set(AFTER);
                },
                WITHIN));
        await(halfChanged);

        assertThat(catalog.available().packs()).isEqualTo(BEFORE);
        finishChange.countDown();
        change.result();
        assertThat(catalog.available().packs()).isEqualTo(AFTER);
    }

    @Test
    void aStoreThatFailsAfterTheChangeIsServedAsTheFailureNotAsTheCatalogFromBefore() {
        CreditPackCatalog catalog = catalog(this::read, WITHIN);
        assertThat(catalog.available().packs()).isEqualTo(BEFORE);

        assertThat(catalog.change(() -> failing.set(true), WITHIN)).isEmpty();

        assertThatThrownBy(catalog::available).isInstanceOf(DataAccessException.class);
        assertThat(catalog.change(() -> failing.set(false), WITHIN))
                .get()
                .extracting(CreditPackCatalog.Snapshot::packs)
                .isEqualTo(BEFORE);
        assertThat(catalog.available().packs()).isEqualTo(BEFORE);
    }

    @Test
    void aChangeThatFailsLeavesRequestsWithWhatTheStoreThenHolds() {
        CreditPackCatalog catalog = catalog(table::get, WITHIN);
        assertThat(catalog.available().packs()).isEqualTo(BEFORE);

        assertThatThrownBy(() -> catalog.change(
                        () -> {
                            table.set(AFTER);
                            throw new DataAccessResourceFailureException("the connection broke mid-change");
                        },
                        WITHIN))
                .hasMessage("the connection broke mid-change");

        assertThat(catalog.available().packs()).isEqualTo(AFTER);
    }

    @Test
    void aChangeGivesUpUnchangedWhenAReadOutlastsItsBound() throws Exception {
        CountDownLatch readHeld = new CountDownLatch(1);
        CountDownLatch releaseRead = new CountDownLatch(1);
        CreditPackCatalog catalog = catalog(
                () -> {
                    readHeld.countDown();
                    await(releaseRead);
                    return table.get();
                },
                Duration.ZERO);
        run(catalog::available);
        await(readHeld);
        AtomicBoolean changed = new AtomicBoolean();

        try {
            // The read never finishes while the change waits, however fast or slow the machine is.
            assertThatThrownBy(() -> catalog.change(() -> changed.set(true), Duration.ofMillis(200)))
                    .isInstanceOf(DataAccessException.class)
                    .hasMessage("A read of the credit pack store still ran after 200 ms; the store was not changed");
            assertThat(changed).isFalse();
        } finally {
            releaseRead.countDown();
        }
    }

    /**
     * A catalog over {@code store} as the producer makes one (retries no further apart than the
     * staleness bound), but whose reads may take as long as they take: the catalog's 500 ms read
     * timeout is not what these tests are about, and a request waiting on a read the test holds
     * must not be answered 500 because the machine was slow to let go of it.
     */
    private static CreditPackCatalog catalog(CreditPackRepository store, Duration maxStaleness) {
        return new CreditPackCatalog(
                store, maxStaleness, WITHIN, maxStaleness.compareTo(RETRY) < 0 ? maxStaleness : RETRY);
    }

    private List<CreditPack> read() {
        if (failing.get()) {
            throw new DataAccessResourceFailureException("the table is gone");
        }
        return table.get();
    }

    /** A task on a thread of its own, which the test can watch. */
    private record Running<T>(Thread thread, Future<T> future) {

        /**
         * Parked in the catalog, waiting for a change to end or for reads to finish; or already done,
         * having waited for nothing (the test then fails on what it got, at once).
         */
        boolean waitingInCatalogOrDone() {
            return future.isDone()
                    || thread.getState() == Thread.State.TIMED_WAITING
                            && Arrays.stream(thread.getStackTrace())
                                    .anyMatch(frame -> frame.getClassName().equals(CreditPackCatalog.class.getName())
                                            && frame.getMethodName().equals("waitUntil"));
        }

        T result() throws Exception {
            return future.get(WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private <T> Running<T> run(Callable<T> task) {
        AtomicReference<Thread> thread = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Future<T> future = threads.submit(() -> {
            thread.set(Thread.currentThread());
            started.countDown();
            return task.call();
        });
        await(started);
        return new Running<>(thread.get(), future);
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not reached within " + WITHIN);
            }
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Not released within " + WITHIN);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }

    private static CreditPack pack(String id) {
        return new CreditPack(id, "Pack " + id, id.toUpperCase().replace('-', '_'), 100, new BigDecimal("19.99"));
    }
}
