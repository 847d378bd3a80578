package tech.flashback.creditpacks.tools.resolve;

import java.io.File;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.connector.basic.BasicRepositoryConnectorFactory;
import org.eclipse.aether.impl.DefaultServiceLocator;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.spi.connector.RepositoryConnectorFactory;
import org.eclipse.aether.spi.connector.transport.TransporterFactory;
import org.eclipse.aether.transport.file.FileTransporterFactory;
import org.eclipse.aether.transport.http.HttpTransporterFactory;
import org.springframework.cloud.contract.stubrunner.AetherStubDownloader;

/**
 * The Maven resolver Stub Runner resolves published versions with, as the release tooling needs it.
 * Stub Runner 5.0.2 builds its own without the HTTP transport (the class name it registers is
 * misspelled), so an {@code https://} repository could never be read; it sets no bounds on a
 * download; and it leaves each remote resolution's temporary local repository behind. So the tools
 * hand it this one: file and HTTP transports, every connection and read bounded, a downloaded
 * jar no larger than {@link #MAX_JAR_BYTES}, each resolution's failure kept for the message, and
 * the temporary repositories recorded so that they can be removed.
 */
public final class MavenResolution {

    static final int MAX_JAR_BYTES = 16 * 1024 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** Between two packets of a download (the resolver has no whole-download deadline; StubsJar keeps one). */
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private static final AtomicReference<Exception> LAST_FAILURE = new AtomicReference<>();
    private static final Set<Path> LOCAL_REPOSITORIES = ConcurrentHashMap.newKeySet();
    private static volatile boolean installed;

    private MavenResolution() {}

    /** Makes Stub Runner resolve through this resolver from now on, in this JVM. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        DefaultServiceLocator locator = MavenRepositorySystemUtils.newServiceLocator();
        locator.addService(RepositoryConnectorFactory.class, BasicRepositoryConnectorFactory.class);
        locator.addService(TransporterFactory.class, FileTransporterFactory.class);
        locator.addService(TransporterFactory.class, HttpTransporterFactory.class);
        RepositorySystem resolver = locator.getService(RepositorySystem.class);
        AetherStubDownloader.setRepositorySystemFromMaven((RepositorySystem) Proxy.newProxyInstance(
                MavenResolution.class.getClassLoader(), new Class<?>[] {RepositorySystem.class}, bounded(resolver)));
        installed = true;
    }

    /** Why the last resolution found nothing (not found, unreachable, too large), or null. */
    static Exception takeLastFailure() {
        return LAST_FAILURE.getAndSet(null);
    }

    /** The temporary local repositories resolutions used since the last {@link #takeLocalRepositories()}. */
    public static List<Path> localRepositories() {
        return List.copyOf(LOCAL_REPOSITORIES);
    }

    /** The temporary local repositories resolutions used since the last call. */
    static List<Path> takeLocalRepositories() {
        List<Path> taken = List.copyOf(LOCAL_REPOSITORIES);
        LOCAL_REPOSITORIES.removeAll(taken);
        return taken;
    }

    /** Every call runs with bounded connections, and an artifact's failure or size is checked on the way out. */
    private static InvocationHandler bounded(RepositorySystem resolver) {
        return (proxy, method, arguments) -> {
            if (arguments != null) {
                for (int i = 0; i < arguments.length; i++) {
                    if (arguments[i] instanceof RepositorySystemSession session) {
                        arguments[i] = boundedSession(session);
                    }
                }
            }
            try {
                Object result = method.invoke(resolver, arguments);
                if (result instanceof ArtifactResult artifact) {
                    refuseOversized(artifact);
                }
                return result;
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Exception failure) {
                    LAST_FAILURE.set(failure);
                }
                throw e.getCause();
            }
        };
    }

    private static RepositorySystemSession boundedSession(RepositorySystemSession session) {
        if (session.getLocalRepository() != null && session.getLocalRepository().getBasedir() != null) {
            File local = session.getLocalRepository().getBasedir();
            if (local.getName().startsWith("aether-local")) {
                LOCAL_REPOSITORIES.add(local.toPath());
            }
        }
        DefaultRepositorySystemSession bounded = new DefaultRepositorySystemSession(session);
        bounded.setConfigProperty("aether.connector.connectTimeout", CONNECT_TIMEOUT_MILLIS);
        bounded.setConfigProperty("aether.connector.requestTimeout", READ_TIMEOUT_MILLIS);
        bounded.setConfigProperty("aether.connector.http.retryHandler.count", 0);
        // Downloads on the calling thread (StubsJar's, which it abandons at its deadline), never on
        // the resolver's own pool, whose threads would keep Maven's exec:java waiting for them.
        bounded.setConfigProperty("aether.connector.basic.threads", 1);
        return bounded;
    }

    private static void refuseOversized(ArtifactResult result) {
        File jar = result.getArtifact() == null ? null : result.getArtifact().getFile();
        if (jar != null && jar.length() > MAX_JAR_BYTES) {
            IllegalStateException tooLarge = new IllegalStateException(
                    result.getArtifact() + " is " + jar.length() + " bytes, more than a stubs jar's " + MAX_JAR_BYTES);
            LAST_FAILURE.set(tooLarge);
            throw tooLarge;
        }
    }
}
