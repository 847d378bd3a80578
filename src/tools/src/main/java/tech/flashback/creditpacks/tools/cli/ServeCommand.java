package tech.flashback.creditpacks.tools.cli;

import com.github.tomakehurst.wiremock.common.FatalStartupException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.flashback.creditpacks.tools.ToolProperties;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tech.flashback.creditpacks.tools.resolve.PublishedSource;
import tech.flashback.creditpacks.tools.serve.ServeLog;
import tech.flashback.creditpacks.tools.serve.ServedCopy;
import tech.flashback.creditpacks.tools.serve.StubServer;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serves published stubs over HTTP for consumers in any language, until Ctrl-C: CORS on for the stubs,"
                    + " near-miss 404 reports, producer states through the WireMock scenario.",
            "The admin API (/__admin) answers only this machine's own tools: requests from web pages on other origins,"
                    + " or naming another host, get 403. The request journal keeps no credential values and is bounded in"
                    + " bytes; a request body over 1 MiB gets 413. The stubs are served from a private copy, removed on exit."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped by the admin API (POST /__admin/shutdown); Ctrl-C ends it as any program, 130",
            "1:could not start (the port is taken, or cannot be bound)",
            "2:bad usage or input (the message says what to change)"
        })
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StubsOptions stubs;

    @Option(
            names = "--stubs",
            paramLabel = "FOLDER|JAR|COORDINATES",
            defaultValue = "${sys:" + ToolProperties.STUBS_PUBLISHED + ":-stubs}",
            description =
                    "The published stubs: a folder (default: ${DEFAULT-VALUE}), a stubs jar, or its Maven coordinates"
                            + " group:artifact:version[:classifier].")
    String published;

    @Option(
            names = "--consumer",
            paramLabel = "NAME",
            description =
                    "Serve that consumer's own stubs alone (mappings/consumers/NAME/), as Stub Runner's stubs per consumer"
                            + " does: none of the public stubs, nor another consumer's. Default: every stub, the public ones answering.")
    String consumer;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "${env:STUBS_PORT:-8090}",
            description = "The port, 1 to 65535 (default: ${DEFAULT-VALUE}, or STUBS_PORT).")
    String port;

    @Option(
            names = "--bind-address",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String bindAddress;

    @Option(
            names = "--journal-entries",
            paramLabel = "N",
            defaultValue = "" + StubServer.DEFAULT_JOURNAL_ENTRIES,
            description = "How many of the newest requests the journal keeps for verification, 1 to "
                    + StubServer.MAX_JOURNAL_ENTRIES + " (default: ${DEFAULT-VALUE}).")
    String journalEntries;

    @Option(
            names = "--log",
            paramLabel = "FILE",
            description = "Where WireMock's own messages go (errors, unmatched requests); default: standard error.")
    Path log;

    @Override
    public Integer call() throws InterruptedException {
        // No 0 for "any port": the URL printed is the one served.
        int portNumber =
                wholeNumber(port, 1, 65_535, "--port (or STUBS_PORT) takes a port from 1 to 65535, not '" + port + "'");
        int entries = wholeNumber(
                journalEntries,
                1,
                StubServer.MAX_JOURNAL_ENTRIES,
                "--journal-entries takes a whole number from 1 to " + StubServer.MAX_JOURNAL_ENTRIES + ", not '"
                        + journalEntries + "'");
        Served served = copyServed();
        ServeLog messages = new ServeLog();
        StubServer server = start(served.copy(), portNumber, entries, messages);
        if (server == null) {
            return ContractTools.Exit.FAILED.code;
        }
        if (log == null) {
            messages.toStandardError();
        } else {
            messages.toFile(log);
        }
        PrintWriter out = spec.commandLine().getOut();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            served.copy().close();
                            out.println("Stub server stopped.");
                            out.flush();
                        },
                        "stub-server-stop"));
        out.println("Stubs from " + served.label() + " served at http://" + urlHost(bindAddress) + ":" + server.port()
                + served.path() + " (producer states: " + served.states() + ").");
        out.println("WireMock log: " + (log == null ? "standard error" : log) + ". Ctrl-C stops.");
        out.flush();
        // Until Ctrl-C (the shutdown hook stops the server) or the admin API's shutdown.
        while (server.isRunning()) {
            Thread.sleep(100);
        }
        return ContractTools.Exit.PASSED.code;
    }

    /** What is served, as the start-up line names it, and the copy of its files WireMock serves. */
    private record Served(String label, String path, String states, ServedCopy copy) {}

    private Served copyServed() {
        try (PublishedSource source = PublishedSource.open(stubs.spec(published), stubs.repository())) {
            PublishedStubs publishedStubs = served(source.stubs(), source.label());
            return new Served(
                    source.label() + (consumer == null ? "" : " (consumer " + consumer + "'s own)"),
                    onePath(publishedStubs),
                    describeStates(publishedStubs),
                    ServedCopy.of(publishedStubs));
        }
    }

    /** The stub server on the copy; null, having said why on standard error and removed the copy, when it cannot start. */
    private StubServer start(ServedCopy copy, int portNumber, int entries, ServeLog messages) {
        try {
            return StubServer.start(copy.root(), new StubServer.Settings(bindAddress, portNumber, entries), messages);
        } catch (FatalStartupException | IllegalStateException notStarted) {
            copy.close();
            PrintWriter err = spec.commandLine().getErr();
            err.println("serve: WireMock could not start on " + bindAddress + ":" + portNumber + ": "
                    + notStarted.getMessage());
            err.print(messages.held());
            if (isListening(bindAddress, portNumber)) {
                err.println("serve: another process listens on " + bindAddress + ":" + portNumber
                        + "; choose a free port with --port or STUBS_PORT.");
            }
            err.flush();
            return null;
        }
    }

    private PublishedStubs served(PublishedStubs published, String label) {
        if (consumer == null) {
            return published;
        }
        if (!published.consumers().contains(consumer)) {
            throw new IllegalArgumentException(
                    "--consumer: " + label + " holds no stubs of a consumer named '" + consumer + "'; "
                            + (published.consumers().isEmpty()
                                    ? "it has the public stubs only"
                                    : "its consumers are " + String.join(", ", published.consumers())));
        }
        return published.ofConsumer(consumer);
    }

    private static int wholeNumber(String text, int min, int max, String refusal) {
        if (text == null || !text.matches("[0-9]{1,6}")) {
            throw new IllegalArgumentException(refusal);
        }
        int value = Integer.parseInt(text);
        if (value < min || value > max) {
            throw new IllegalArgumentException(refusal);
        }
        return value;
    }

    /** The path every contract answers on, when they share one; the root when several endpoints are served. */
    private static String onePath(PublishedStubs published) {
        List<String> paths = published.contracts().stream()
                .map(stub -> stub.request().path())
                .distinct()
                .toList();
        return paths.size() == 1 ? paths.get(0) : "/";
    }

    /** How a consumer reaches each producer state, from the stubs themselves: each endpoint's scenario and its states. */
    private static String describeStates(PublishedStubs published) {
        List<PublishedStubs.Endpoint> endpoints = published.endpoints();
        if (endpoints.isEmpty()) {
            return "one, no scenario";
        }
        String scenarios = endpoints.stream()
                .map(endpoint -> endpoint.scenario() + ": "
                        + endpoint.states().stream()
                                .map(state -> state.equals(endpoint.defaultState())
                                        ? state + " (" + PublishedStubs.STARTED + ")"
                                        : state)
                                .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
        return (endpoints.size() == 1 ? "the WireMock scenario " : "the WireMock scenarios ") + scenarios
                + "; see the README";
    }

    private static String urlHost(String bindAddress) {
        String address = bindAddress.strip();
        if (address.startsWith("127.")
                || address.equals("0.0.0.0")
                || address.equals("::")
                || address.equals("::1")
                || address.equals("localhost")) {
            return "localhost";
        }
        return address.contains(":") ? "[" + address + "]" : address;
    }

    private static boolean isListening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
