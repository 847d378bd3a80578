package tech.flashback.creditpacks.packs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Service;

/**
 * The packs on offer, served from memory and read from the store on reader threads of its own,
 * never on a request's thread.
 *
 * <p>Why: a request that reads the store itself holds a server thread for as long as the store
 * takes. When the store hangs (frozen, locked, unreachable), every request then waits out the
 * full JDBC timeouts, each failed read is retried by the next waiting request, and under a few
 * dozen clients the server runs out of threads: responses took 11 to 29 s, and requests that never
 * touch the store waited too. Here, instead:
 * <ul>
 * <li><b>Staleness bound.</b> A request is served a catalog only from a read that began at most
 *     {@code max-staleness} before the request arrived, so a pack deactivated or deleted in the
 *     store is not offered to any request that arrives later than that after the change.</li>
 * <li><b>One read at a time.</b> Requests that need a read share the one in flight. Under steady
 *     traffic the next read starts ahead of time (at half the bound), so requests do not wait.</li>
 * <li><b>Bounded wait.</b> A request waits for a read at most until {@code read-timeout} after that
 *     read began; then it gets the documented 500 while the read goes on.</li>
 * <li><b>Failures remembered.</b> After a failed or overdue read, requests answer 500 at once
 *     without waiting; a new read is tried at most every {@code retry-interval}, in the background,
 *     and its success brings the catalog back with no restart.</li>
 * <li><b>Store changes in one step.</b> While {@link #change} rewrites the store (the contract
 *     state hook does), no read of the store starts or is still running: requests get the catalog
 *     from before the change or, when they have none to be served, wait for the change, and the
 *     catalog read once the change is done reaches every later request at once. No request sees
 *     the store half-changed.</li>
 * </ul>
 * An outage is logged once when it starts and once when it ends, not per request.
 */
@Service
public class CreditPackCatalog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CreditPackCatalog.class);

    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMillis(500);
    static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofMillis(250);
    /**
     * Reads normally run one at a time; a second may start after {@link #refresh()} (or with a
     * zero bound) while an older one is still finishing. Beyond that, requests answer 500 rather
     * than pile more work onto a store that is not answering. Counted by reads not yet finished
     * ({@link #readsRunning}), not by busy threads: a reader that has just handed out a read's
     * outcome is not yet back for the next task, and a pool that refused work until it was made a
     * request right after a read answer 500 with nothing logged, on a busy machine.
     */
    private static final int MAX_CONCURRENT_READS = 2;

    /** A catalog as one read of the store found it, and when that read began. */
    public record Snapshot(List<CreditPack> packs, long readStartedNanos, long freshUntilNanos) {

        /** Whole seconds this catalog may still be served (and cached by a client), never negative. */
        public long secondsFreshAt(long nowNanos) {
            return Math.max(0, TimeUnit.NANOSECONDS.toSeconds(freshUntilNanos - nowNanos));
        }
    }

    /** One read of the store: when it began, for which generation, and its outcome. */
    private record Read(long startedNanos, long generation, CompletableFuture<Snapshot> outcome) {}

    /** Why requests are answered 500 without waiting, and since when. */
    private record Failure(long sinceNanos, long lastAttemptNanos, String cause, int failedReads) {}

    /** A change of the store under way, and when (System.nanoTime()) its bound runs out. */
    private record StoreChange(long deadlineNanos) {}

    private final CreditPackRepository store;
    private final long maxStalenessNanos;
    private final long readTimeoutNanos;
    private final long retryIntervalNanos;
    private final LongSupplier clock;
    private final ThreadPoolExecutor readers;

    // Guarded by this; the snapshot is also read without the lock on the fast path.
    private volatile Snapshot snapshot;
    private Read inFlight;
    private Failure failure;
    /** Advanced by refresh(): reads begun before it no longer count. */
    private long generation;
    /** Reads on the reader threads that have not finished, the ones refresh() gave up on included. */
    private int readsRunning;

    private StoreChange changing;

    /** With the default read timeout, and retries no further apart than the staleness bound. */
    public CreditPackCatalog(CreditPackRepository store, Duration maxStaleness) {
        this(store, maxStaleness, DEFAULT_READ_TIMEOUT, min(DEFAULT_RETRY_INTERVAL, maxStaleness));
    }

    @Autowired
    public CreditPackCatalog(
            CreditPackRepository store,
            @Value("${credit-packs.catalog.max-staleness:1s}") Duration maxStaleness,
            @Value("${credit-packs.catalog.read-timeout:500ms}") Duration readTimeout,
            @Value("${credit-packs.catalog.retry-interval:250ms}") Duration retryInterval) {
        this(store, maxStaleness, readTimeout, retryInterval, System::nanoTime);
    }

    CreditPackCatalog(
            CreditPackRepository store,
            Duration maxStaleness,
            Duration readTimeout,
            Duration retryInterval,
            LongSupplier clock) {
        if (maxStaleness.isNegative()
                || readTimeout.isNegative()
                || readTimeout.isZero()
                || retryInterval.isNegative()) {
            throw new IllegalArgumentException("Catalog timings: max-staleness " + maxStaleness + " and retry-interval "
                    + retryInterval + " must not be negative, read-timeout " + readTimeout + " must be positive");
        }
        this.store = store;
        this.maxStalenessNanos = maxStaleness.toNanos();
        this.readTimeoutNanos = readTimeout.toNanos();
        this.retryIntervalNanos = retryInterval.toNanos();
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        // A queue, so that a read waits the moment it takes a reader to come back for it; start()
        // bounds how many reads there are.
        this.readers = new ThreadPoolExecutor(
                MAX_CONCURRENT_READS, MAX_CONCURRENT_READS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "credit-pack-store-read-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    // Not the request thread's web-app loader it would inherit: Tomcat would take an
                    // idle reader for a leak of the web app when it stops.
                    thread.setContextClassLoader(CreditPackCatalog.class.getClassLoader());
                    return thread;
                });
        this.readers.allowCoreThreadTimeOut(true);
    }

    /**
     * Active, non-deleted packs, cheapest first, then by code, from a read of the store that began
     * at most {@code max-staleness} before this call.
     *
     * @throws DataAccessException when the store failed, or did not answer within the read timeout
     */
    public Snapshot available() {
        long arrived = clock.getAsLong();
        Snapshot current = snapshot;
        if (current != null && servable(current.readStartedNanos(), arrived)) {
            if (arrived - current.readStartedNanos() > maxStalenessNanos / 2) {
                readAhead(current);
            }
            return current;
        }
        return await(readFor(arrived));
    }

    /**
     * Forgets the catalog held in memory and any remembered failure, so the very next request
     * reads the store (a read still running from before is not used by later requests).
     */
    public synchronized void refresh() {
        generation++;
        snapshot = null;
        inFlight = null;
        failure = null;
    }

    /**
     * Runs {@code storeChange}, which rewrites the store, so that no request sees the store half
     * changed. It waits for the reads of the store still running to finish, and no read starts until
     * it is done: meanwhile a request is served the catalog from before the change when that catalog
     * is still within the staleness bound, gets the 500 at once when the store was failing, and
     * otherwise waits for the change. Then the store is read on the caller's thread (not a reader's,
     * so that no read is ever refused for want of one), and that catalog, or that failure, is what
     * every later request gets.
     *
     * <p>{@code within} bounds the wait for reads still running and the wait of requests for the
     * change; the change itself runs on the caller's thread, bounded by the store's own timeouts.
     *
     * @return the catalog read after the change; empty when the store could not be read, which
     *         requests are then answered (and the log told) as after any failed read
     * @throws DataAccessException when a read of the store still ran after {@code within}: the store
     *         was not changed
     */
    public Optional<Snapshot> change(Runnable storeChange, Duration within) {
        begin(System.nanoTime() + within.toNanos(), within);
        try {
            storeChange.run();
        } catch (RuntimeException | Error failed) {
            // Requests get what the store now holds (a transaction rolled back: what it held before).
            end();
            throw failed;
        }
        return end();
    }

    /** Stops the reader threads (Spring calls it when the application stops); a read under way is interrupted. */
    @Override
    public void close() {
        readers.shutdownNow();
    }

    private boolean servable(long readStartedNanos, long requestArrivedNanos) {
        return requestArrivedNanos - readStartedNanos <= maxStalenessNanos;
    }

    /** The read this request waits for; throws at once when the store is known to be failing. */
    private Read readFor(long arrived) {
        Failure began = null;
        Read read = null;
        synchronized (this) {
            awaitChange(arrived);
            Snapshot current = snapshot;
            long now = clock.getAsLong();
            if (current != null && servable(current.readStartedNanos(), arrived)) {
                read = new Read(current.readStartedNanos(), generation, CompletableFuture.completedFuture(current));
            } else if (changing != null) {
                // The store was failing when the change began, or the change overran its bound.
                read = null;
            } else if (failure != null) {
                if (inFlight == null && now - failure.lastAttemptNanos() >= retryIntervalNanos) {
                    failure = new Failure(failure.sinceNanos(), now, failure.cause(), failure.failedReads());
                    start(now);
                }
            } else if (inFlight != null && now - inFlight.startedNanos() >= readTimeoutNanos) {
                began = overdue(now);
            } else if (inFlight != null && servable(inFlight.startedNanos(), arrived)) {
                read = inFlight;
            } else {
                read = start(now);
            }
        }
        reportBeginning(began, null);
        if (read == null) {
            throw unavailable();
        }
        return read;
    }

    /**
     * Called with the lock held, by a request that has no catalog it may be served: while the store
     * is being changed, it waits for the change to end (at most until the change's bound), unless the
     * store was failing, which it is answered at once. Nothing is read from a store being changed.
     */
    private void awaitChange(long arrived) {
        while (changing != null
                && failure == null
                && (snapshot == null || !servable(snapshot.readStartedNanos(), arrived))) {
            try {
                if (!waitUntil(changing.deadlineNanos())) {
                    return;
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Under steady traffic, the next read starts before the current catalog expires. */
    private void readAhead(Snapshot current) {
        synchronized (this) {
            if (snapshot == current && inFlight == null && failure == null && changing == null) {
                start(clock.getAsLong());
            }
        }
    }

    /** Called with the lock held. Null when as many reads as allowed have not finished yet (or after close()). */
    private Read start(long now) {
        if (readsRunning >= MAX_CONCURRENT_READS) {
            return null;
        }
        Read read = new Read(now, generation, new CompletableFuture<>());
        try {
            readers.execute(() -> complete(read));
        } catch (RejectedExecutionException closed) {
            return null;
        }
        readsRunning++;
        inFlight = read;
        return read;
    }

    /** On a reader thread: the store is read outside the lock, the outcome recorded inside it. */
    private void complete(Read read) {
        Snapshot found;
        try {
            List<CreditPack> packs = List.copyOf(store.findAvailable());
            found = new Snapshot(packs, read.startedNanos(), read.startedNanos() + maxStalenessNanos);
        } catch (RuntimeException | Error readFailed) {
            failed(read, readFailed);
            read.outcome().completeExceptionally(readFailed);
            return;
        }
        succeeded(read, found);
        read.outcome().complete(found);
    }

    /**
     * Called with the lock held, once per read, as its outcome is recorded: a store change may be
     * waiting for the reads to finish. (Counted here rather than after the outcome is handed out,
     * so the reader is back for the next read as soon as it was before.)
     */
    private void finished() {
        readsRunning--;
        notifyAll();
    }

    /**
     * Waits for another change to end and for every read still running to finish, then marks the
     * store as being changed, so that no read starts. Throws, having changed nothing, when either
     * wait outlasts {@code deadline}.
     */
    private synchronized void begin(long deadline, Duration within) {
        try {
            while (changing != null) {
                if (!waitUntil(deadline)) {
                    throw new DataAccessResourceFailureException(
                            "Another change of the credit pack store still ran after " + within.toMillis()
                                    + " ms; the store was not changed");
                }
            }
            changing = new StoreChange(deadline);
            while (readsRunning > 0) {
                if (!waitUntil(deadline)) {
                    changing = null;
                    notifyAll();
                    throw new DataAccessResourceFailureException("A read of the credit pack store still ran after "
                            + within.toMillis() + " ms; the store was not changed");
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            changing = null;
            notifyAll();
            throw new DataAccessResourceFailureException("Interrupted before changing the credit pack store");
        }
    }

    /**
     * Reads the changed store on the caller's thread and publishes what it found, or its failure,
     * to every request from now on; then reads may start again and waiting requests go on.
     */
    private Optional<Snapshot> end() {
        long started = clock.getAsLong();
        Snapshot found = null;
        RuntimeException readFailed = null;
        Failure began = null;
        Failure ended = null;
        try {
            found = new Snapshot(List.copyOf(store.findAvailable()), started, started + maxStalenessNanos);
        } catch (RuntimeException failed) {
            readFailed = failed;
        } finally {
            synchronized (this) {
                generation++;
                inFlight = null;
                if (found != null) {
                    snapshot = found;
                    ended = failure;
                    failure = null;
                } else {
                    // What the store answered before the change must not be served after it.
                    snapshot = null;
                    began = fail(clock.getAsLong(), readFailed == null ? "no answer" : describe(readFailed));
                }
                changing = null;
                notifyAll();
            }
        }
        reportBeginning(began, readFailed);
        reportEnd(ended);
        return Optional.ofNullable(found);
    }

    /** Waits on this catalog's lock, which it must hold, until notified or {@code deadline}; false once it has passed. */
    private boolean waitUntil(long deadline) throws InterruptedException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
        return true;
    }

    private void succeeded(Read read, Snapshot found) {
        Failure ended = null;
        synchronized (this) {
            finished();
            if (inFlight == read) {
                inFlight = null;
            }
            if (read.generation() != generation) {
                return;
            }
            Snapshot current = snapshot;
            if (current == null || found.readStartedNanos() > current.readStartedNanos()) {
                snapshot = found;
            }
            ended = failure;
            failure = null;
        }
        reportEnd(ended);
    }

    /** Logged outside the lock, as the beginning is. */
    private void reportEnd(Failure ended) {
        if (ended != null) {
            log.info(
                    "The credit pack store answers again: catalog served again after {} ms, {} failed reads",
                    TimeUnit.NANOSECONDS.toMillis(clock.getAsLong() - ended.sinceNanos()),
                    ended.failedReads());
        }
    }

    private void failed(Read read, Throwable cause) {
        Failure began = null;
        synchronized (this) {
            finished();
            if (inFlight == read) {
                inFlight = null;
            }
            if (read.generation() == generation) {
                began = fail(clock.getAsLong(), describe(cause));
            }
        }
        reportBeginning(began, cause);
    }

    /** A read has run past the read timeout: the store is too slow to serve requests. Called with the lock held. */
    private Failure overdue(long now) {
        return fail(now, "no answer within " + TimeUnit.NANOSECONDS.toMillis(readTimeoutNanos) + " ms");
    }

    /** Called with the lock held; returns the failure when it begins an outage, else null. */
    private Failure fail(long now, String cause) {
        if (failure == null) {
            failure = new Failure(now, now, cause, 1);
            return failure;
        }
        failure = new Failure(
                failure.sinceNanos(),
                Math.max(now, failure.lastAttemptNanos()),
                failure.cause(),
                failure.failedReads() + 1);
        return null;
    }

    /** Logged outside the lock, so a slow log never holds up the requests. */
    private static void reportBeginning(Failure began, Throwable detail) {
        if (began != null) {
            log.error("The credit pack store failed ({}); answering 500 until it recovers", began.cause());
            if (detail != null) {
                log.debug("The credit pack store's failure", detail);
            }
        }
    }

    private Snapshot await(Read read) {
        long remaining = read.startedNanos() + readTimeoutNanos - clock.getAsLong();
        try {
            return read.outcome().get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            Failure began = null;
            synchronized (this) {
                if (read.generation() == generation && !read.outcome().isDone()) {
                    began = overdue(clock.getAsLong());
                }
            }
            reportBeginning(began, null);
            throw unavailable();
        } catch (ExecutionException readFailed) {
            throw unavailable();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }

    /** What every request gets while the store fails; the cause is logged once, not per request. */
    private static DataAccessException unavailable() {
        return new StoreUnavailableException();
    }

    private static String describe(Throwable failure) {
        StringBuilder causes = new StringBuilder();
        for (Throwable cause = failure; cause != null && causes.length() < 500; cause = cause.getCause()) {
            if (!causes.isEmpty()) {
                causes.append("; caused by ");
            }
            causes.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
            if (cause.getCause() == cause) {
                break;
            }
        }
        return causes.toString();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Thrown to every request while the store fails: cheap (no stack trace), the details are in the log. */
    static final class StoreUnavailableException extends DataAccessResourceFailureException {

        StoreUnavailableException() {
            super("The credit pack store is unavailable");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
