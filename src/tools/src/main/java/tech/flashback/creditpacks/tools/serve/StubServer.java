package tech.flashback.creditpacks.tools.serve;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.common.SingleRootFileSource;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.store.DefaultStores;
import com.github.tomakehurst.wiremock.store.RequestJournalStore;
import java.nio.file.Path;

/**
 * The local stub server: WireMock, embedded, serving a folder of mappings over HTTP for consumers
 * in any language, with CORS on for the stubs (a web app on another localhost port calls them),
 * an admin API only the machine's own tools may use ({@link AdminAccess}), request bodies bounded
 * ({@link RequestBodyLimit}) and a request journal bounded in bytes that keeps no credential
 * ({@link BoundedJournal}).
 */
public final class StubServer implements AutoCloseable {

    /** How many requests the journal keeps unless told otherwise, and at most. */
    public static final int DEFAULT_JOURNAL_ENTRIES = 100;

    public static final int MAX_JOURNAL_ENTRIES = 10_000;

    /**
     * @param bindAddress    the address to listen on (127.0.0.1: this machine only)
     * @param port           the port, 0 for any free one
     * @param journalEntries how many requests the journal keeps, 1 to {@link #MAX_JOURNAL_ENTRIES}
     */
    public record Settings(String bindAddress, int port, int journalEntries) {

        public Settings {
            if (journalEntries < 1 || journalEntries > MAX_JOURNAL_ENTRIES) {
                throw new IllegalArgumentException(
                        "A journal keeps 1 to " + MAX_JOURNAL_ENTRIES + " requests, not " + journalEntries);
            }
        }
    }

    private final WireMockServer wireMock;

    private StubServer(WireMockServer wireMock) {
        this.wireMock = wireMock;
    }

    /**
     * Serves the WireMock folder {@code root} (its {@code mappings/} and {@code __files/}), which
     * the admin API may change: give it a copy ({@link ServedCopy}), never the published stubs.
     *
     * @throws com.github.tomakehurst.wiremock.common.FatalStartupException when the port cannot be bound
     */
    public static StubServer start(Path root, Settings settings, Notifier notifier) {
        RequestJournalStore journal = new BoundedJournal(settings.journalEntries());
        WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options()
                .bindAddress(settings.bindAddress())
                .port(settings.port())
                .usingFilesUnderDirectory(root.toString())
                .withStores(new DefaultStores(new SingleRootFileSource(root.toString())) {
                    @Override
                    public RequestJournalStore getRequestJournalStore() {
                        return journal;
                    }
                })
                .httpServerFactory(new GuardedJettyServer.Factory())
                .stubCorsEnabled(true)
                // WireMock would format every request and response for a log line it then drops.
                .stubRequestLoggingDisabled(true)
                .maxLoggedResponseSize(BoundedJournal.MAX_KEPT_BODY_BYTES)
                .notifier(notifier));
        wireMock.start();
        return new StubServer(wireMock);
    }

    public int port() {
        return wireMock.port();
    }

    /** False once stopped, by {@link #close()} or by the admin API's {@code POST /__admin/shutdown}. */
    public boolean isRunning() {
        return wireMock.isRunning();
    }

    @Override
    public void close() {
        if (wireMock.isRunning()) {
            wireMock.stop();
        }
    }
}
