package tech.flashback.creditpacks.gate;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.tools.ToolProvider;

import org.junit.platform.engine.DiscoverySelector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.contract.verifier.TestGenerator;
import org.springframework.cloud.contract.verifier.config.ContractVerifierConfigProperties;
import org.springframework.cloud.contract.verifier.config.TestFramework;
import org.springframework.cloud.contract.verifier.config.TestMode;
import org.springframework.context.ConfigurableApplicationContext;

import tech.flashback.creditpacks.CreditPacksApplication;
import tech.flashback.creditpacks.contract.RemoteProducerBase;
import tech.flashback.creditpacks.contract.RemoteStoreFailureBase;
import tech.flashback.creditpacks.gate.RemoteSuite.Outcome;

/**
 * The release gate: runs the contracts of a previously published stubs jar (by version, from
 * the local Maven repository or a remote one) against a producer, the way a release pipeline
 * checks that a new producer still honours what consumers built against. The jar is resolved
 * with Stub Runner's own resolver ({@link PublishedContracts}), its contracts are turned into tests by Spring Cloud
 * Contract's own generator (the remote suite's form), compiled and run here.
 *
 * <p>{@code ./mvnw test -Pbackcompat -Dbaseline.version=1.0.0 [-Dbaseline.repository=URL]
 * [-Dproducer.url=URL]}: without a producer URL, this build's producer is started on a free port.
 */
public final class BaselineGate {

    /** A published version's contracts, ready to run: their generated tests and the shape rules they hold producers to. */
    record Baseline(String version, List<DiscoverySelector> tests, ShapeRules rules) {
    }

    /** Shape rules, and where they come from (said in the report). */
    record ShapeRules(String origin, Consumer<Object> check) {
    }

    /** The outcome of each baseline contract; {@link #passed()} when none failed. */
    record Report(String version, String rulesOrigin, List<Outcome> outcomes) {

        boolean passed() {
            return !outcomes.isEmpty() && outcomes.stream().noneMatch(outcome -> outcome.status().equals("FAILED"));
        }

        String render() {
            StringBuilder text = new StringBuilder("Contracts of " + PublishedContracts.coordinates(version) + "\n")
                    .append("  shape rules: ").append(rulesOrigin).append('\n');
            for (Outcome outcome : outcomes) {
                text.append(String.format("  %-8s %s%n", outcome.status().replace('_', ' '), outcome.contract()));
                if (!outcome.status().equals("PASSED")) {
                    outcome.message().lines().forEach(line -> text.append("           ").append(line).append('\n'));
                }
            }
            return text.append(passed() ? "PASSED: the producer honours " + version
                    : "FAILED: the producer breaks consumers built against " + version).append('\n').toString();
        }
    }

    private static final String SHAPE_RULES_CLASS = "tech.flashback.creditpacks.contract.CatalogShape";

    private BaselineGate() {
    }

    public static void main(String[] args) throws IOException {
        String version = property("baseline.version");
        if (version.isBlank()) {
            throw new IllegalArgumentException("Name the published version to check against: -Dbaseline.version=1.0.0");
        }
        String repository = property("baseline.repository");
        String producerUrl = property(RemoteProducerBase.PRODUCER_URL);
        ConfigurableApplicationContext ownProducer = null;
        if (producerUrl.isBlank()) {
            ownProducer = SpringApplication.run(CreditPacksApplication.class,
                    "--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off");
            producerUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) ownProducer).getWebServer().getPort();
        }
        try {
            Baseline baseline = resolve(version, repository.isBlank() ? null : repository, Files.createTempDirectory("baseline-gate"));
            Report report = check(baseline, producerUrl);
            System.out.print(report.render());
            if (!report.passed()) {
                throw new IllegalStateException("The producer at " + producerUrl + " breaks contracts of " + version + " (report above)");
            }
        } finally {
            if (ownProducer != null) {
                ownProducer.close();
            }
        }
    }

    static Report check(Baseline baseline, String producerUrl) {
        return new Report(baseline.version(), baseline.rules().origin(),
                RemoteSuite.run(producerUrl, baseline.tests(), baseline.rules().check()));
    }

    /**
     * The published contracts as runnable remote tests (resolved, generated, compiled, loaded),
     * held to the shape rules published with them: a release that loosened this build's rules
     * must still satisfy what consumers of that version were promised.
     *
     * @param repository a Maven repository URL ({@code https://...} or {@code file:///...}); null
     *                   for the local repository
     */
    static Baseline resolve(String version, String repository, Path workDirectory) {
        Path contracts = PublishedContracts.resolve(version, repository);
        Path sources = workDirectory.resolve("src");
        generateTests(contracts, sources, workDirectory.resolve("resources"));
        List<DiscoverySelector> tests = compileAndLoad(sources, workDirectory.resolve("classes"));
        return new Baseline(version, tests, shapeRules(version, contracts, workDirectory.resolve("rules")));
    }

    /** The shape rules published beside {@code contracts} in the stubs jar of {@code version}, or this build's if it has none. */
    static ShapeRules shapeRules(String version, Path contracts, Path workDirectory) {
        Path publishedRules = contracts.resolveSibling(PublishedContracts.SHAPE_RULES);
        return Files.isRegularFile(publishedRules)
                ? new ShapeRules("the " + version + " stubs jar's own (" + PublishedContracts.SHAPE_RULES + ")",
                        loadRules(publishedRules, workDirectory))
                : new ShapeRules("this build's (the " + version + " stubs jar carries none)",
                        RemoteProducerBase.THIS_BUILDS_SHAPE_RULES);
    }

    /**
     * Compiles the published {@code CatalogShape.java} on its own (it needs nothing but the JDK)
     * into a class loader of its own, so it cannot be confused with this build's class of that name.
     */
    private static Consumer<Object> loadRules(Path source, Path classes) {
        compile(classes, List.of(source.toString()), "The published shape rules", source);
        Method assertValid;
        try {
            URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            assertValid = Class.forName(SHAPE_RULES_CLASS, true, loader).getDeclaredMethod("assertValid", Object.class);
            assertValid.setAccessible(true);
        } catch (IOException | ReflectiveOperationException e) {
            throw new IllegalStateException("The published shape rules " + source + " have no " + SHAPE_RULES_CLASS
                    + ".assertValid(Object)", e);
        }
        return data -> {
            try {
                assertValid.invoke(null, data);
            } catch (InvocationTargetException e) {
                // The rules' own AssertionError, with its list of problems, is the failure to report.
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("The published shape rules failed to run", e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static void generateTests(Path contracts, Path sources, Path resources) {
        ContractVerifierConfigProperties config = new ContractVerifierConfigProperties();
        config.setContractsDslDir(contracts.toFile());
        config.setGeneratedTestSourcesDir(sources.toFile());
        config.setGeneratedTestResourcesDir(resources.toFile());
        config.setTestFramework(TestFramework.JUNIT5);
        config.setTestMode(TestMode.EXPLICIT);
        config.setBasePackageForTests("tech.flashback.creditpacks.baseline");
        // The same producer states as the build's remote suite (pom.xml, remote-contract-tests).
        config.setBaseClassMappings(Map.of(
                ".*credits\\.packs\\.available.*", RemoteProducerBase.class.getName(),
                ".*credits\\.packs\\.storefailure.*", RemoteStoreFailureBase.class.getName()));
        new TestGenerator(config).generate();
    }

    private static List<DiscoverySelector> compileAndLoad(Path sources, Path classes) {
        List<String> files = javaFiles(sources);
        List<String> arguments = new ArrayList<>(List.of("-classpath", classpath()));
        arguments.addAll(files);
        compile(classes, arguments, "The baseline's generated tests", sources);
        try {
            URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, BaselineGate.class.getClassLoader());
            List<DiscoverySelector> tests = new ArrayList<>();
            for (String file : files) {
                String name = sources.relativize(Path.of(file)).toString().replace(".java", "").replace(File.separatorChar, '.');
                tests.add(selectClass(loader.loadClass(name)));
            }
            return tests;
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("Cannot load the baseline's compiled tests from " + classes, e);
        }
    }

    /** javac into {@code classes}; its own errors go to stderr, and the exception names what failed. */
    private static void compile(Path classes, List<String> arguments, String what, Path source) {
        List<String> all = new ArrayList<>(List.of("-proc:none", "-nowarn", "-d", classes.toString()));
        all.addAll(arguments);
        if (ToolProvider.getSystemJavaCompiler().run(null, null, System.err, all.toArray(String[]::new)) != 0) {
            throw new IllegalStateException(what + " do not compile (see above): " + source);
        }
    }

    /** The test classpath, whether it comes from a class loader (Maven's exec) or the JVM (surefire). */
    private static String classpath() {
        Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        for (ClassLoader loader = BaselineGate.class.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    entries.add(new File(url.getPath()).getPath());
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static List<String> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String property(String name) {
        return System.getProperty(name, "").trim();
    }
}
