package tech.flashback.creditpacks.packs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
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
 * dozen clients the server runs out of threads: answers took 11 to 29 s, and requests that never
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
     * than pile more work onto a store that is not answering.
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
    private record Read(long startedNanos, long generation, CompletableFuture<Snapshot> outcome) {
    }

    /** Why requests are answered 500 without waiting, and since when. */
    private record Failure(long sinceNanos, long lastAttemptNanos, String cause, int failedReads) {
    }

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

    /** With the default read timeout, and retries no further apart than the staleness bound. */
    public CreditPackCatalog(CreditPackRepository store, Duration maxStaleness) {
        this(store, maxStaleness, DEFAULT_READ_TIMEOUT, min(DEFAULT_RETRY_INTERVAL, maxStaleness));
    }

    @Autowired
    public CreditPackCatalog(CreditPackRepository store,
            @Value("${credit-packs.catalog.max-staleness:1s}") Duration maxStaleness,
            @Value("${credit-packs.catalog.read-timeout:500ms}") Duration readTimeout,
            @Value("${credit-packs.catalog.retry-interval:250ms}") Duration retryInterval) {
        this(store, maxStaleness, readTimeout, retryInterval, System::nanoTime);
    }

    CreditPackCatalog(CreditPackRepository store, Duration maxStaleness, Duration readTimeout, Duration retryInterval,
            LongSupplier clock) {
        if (maxStaleness.isNegative() || readTimeout.isNegative() || readTimeout.isZero() || retryInterval.isNegative()) {
            throw new IllegalArgumentException("Catalog timings: max-staleness " + maxStaleness + " and retry-interval "
                    + retryInterval + " must not be negative, read-timeout " + readTimeout + " must be positive");
        }
        this.store = store;
        this.maxStalenessNanos = maxStaleness.toNanos();
        this.readTimeoutNanos = readTimeout.toNanos();
        this.retryIntervalNanos = retryInterval.toNanos();
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.readers = new ThreadPoolExecutor(0, MAX_CONCURRENT_READS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "credit-pack-store-read-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    // Not the request thread's web-app loader it would inherit: Tomcat would take an
                    // idle reader for a leak of the web app when it stops.
                    thread.setContextClassLoader(CreditPackCatalog.class.getClassLoader());
                    return thread;
                });
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
            Snapshot current = snapshot;
            long now = clock.getAsLong();
            if (current != null && servable(current.readStartedNanos(), arrived)) {
                read = new Read(current.readStartedNanos(), generation, CompletableFuture.completedFuture(current));
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

    /** Under steady traffic, the next read starts before the current catalog expires. */
    private void readAhead(Snapshot current) {
        synchronized (this) {
            if (snapshot == current && inFlight == null && failure == null) {
                start(clock.getAsLong());
            }
        }
    }

    /** Called with the lock held. Null when every reader is still busy with an older read. */
    private Read start(long now) {
        Read read = new Read(now, generation, new CompletableFuture<>());
        try {
            readers.execute(() -> complete(read));
        } catch (RejectedExecutionException allReadersBusy) {
            return null;
        }
        inFlight = read;
        return read;
    }

    /** On a reader thread: the store is read outside the lock, the outcome recorded inside it. */
    private void complete(Read read) {
        try {
            List<CreditPack> packs = List.copyOf(store.findAvailable());
            Snapshot found = new Snapshot(packs, read.startedNanos(), read.startedNanos() + maxStalenessNanos);
            succeeded(read, found);
            read.outcome().complete(found);
        } catch (RuntimeException | Error readFailed) {
            failed(read, readFailed);
            read.outcome().completeExceptionally(readFailed);
        }
    }

    private void succeeded(Read read, Snapshot found) {
        Failure ended = null;
        synchronized (this) {
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
        if (ended != null) {
            log.info("The credit pack store answers again: catalog served again after {} ms, {} failed reads",
                    TimeUnit.NANOSECONDS.toMillis(clock.getAsLong() - ended.sinceNanos()), ended.failedReads());
        }
    }

    private void failed(Read read, Throwable cause) {
        Failure began = null;
        synchronized (this) {
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
        failure = new Failure(failure.sinceNanos(), Math.max(now, failure.lastAttemptNanos()), failure.cause(),
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
