package tech.flashback.creditpacks.tools.publish;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Work of the publisher done on a thread of its own, beside what the caller does meanwhile: on a
 * machine with two cores, a contract author waits for the longer of the two instead of their sum.
 * It is always waited for, with a bound: none of it outlives the publication.
 */
final class SideTask<T> {

    /** Nothing the publisher does beside takes minutes; if it does, the build says so instead of waiting on. */
    private static final Duration BOUND = Duration.ofMinutes(5);

    private final String what;
    private final FutureTask<T> task;

    private SideTask(String what, Callable<T> work) {
        this.what = what;
        this.task = new FutureTask<>(work);
    }

    /** Starts {@code work}, described as {@code what} ("generating the contract tests") if it has to be named. */
    static <T> SideTask<T> start(String what, Callable<T> work) {
        SideTask<T> side = new SideTask<>(what, work);
        Thread thread = new Thread(side.task, "contract-tools: " + what);
        thread.setDaemon(true);
        thread.start();
        return side;
    }

    /** No work: a task whose result is null (a publication that generates no tests). */
    static <T> SideTask<T> none() {
        SideTask<T> none = new SideTask<>("nothing", () -> null);
        none.task.run();
        return none;
    }

    /**
     * Does {@code work} meanwhile, and gives its result. When {@code work} fails, its failure is the
     * one reported, once this task is over: none of this task outlives the caller's.
     */
    <R> R beside(Supplier<R> work) {
        try {
            return work.get();
        } catch (RuntimeException | Error failure) {
            joinQuietly();
            throw failure;
        }
    }

    /** As {@link #beside(Supplier)}, for work that gives no result. */
    void beside(Runnable work) {
        beside(() -> {
            work.run();
            return null;
        });
    }

    /** Its result; what it threw, as it threw it. */
    T join() {
        try {
            return task.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (failed.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new IllegalStateException(what + " failed: " + failed.getCause(), failed.getCause());
        } catch (TimeoutException slow) {
            task.cancel(true);
            throw new IllegalStateException(what + " took more than " + BOUND.toMinutes() + " minutes; stopped");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            task.cancel(true);
            throw new IllegalStateException("Interrupted while " + what);
        }
    }

    /** Waits for it when the caller has a failure of its own to report, which says more than this one's would. */
    private void joinQuietly() {
        try {
            join();
        } catch (RuntimeException | Error ignored) {
            // The caller's own failure is the one reported.
        }
    }
}
