package tech.flashback.creditpacks.tools.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tools.jackson.databind.JsonNode;

/**
 * A real browser, Debian's headless Chromium, on a page from another origin that tries what any
 * web page a developer has open could try against the stub server on localhost: read the request
 * journal, inject a stub with a text/plain POST (which needs no preflight), delete a mapping, save
 * the mappings over the files and stop the server. The page writes what happened into its DOM.
 */
class BrowserAttackTest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path PUBLISHED = Path.of("stubs");
    private static final Pattern RESULTS = Pattern.compile("<pre id=\"results\">(.*?)</pre>", Pattern.DOTALL);

    @TempDir
    Path work;

    @Test
    void refusesAPageFromAnotherOriginEverythingButTheStubsAndStaysAsItWas() throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM),
                "Chromium is missing at " + CHROMIUM + ": install it with"
                        + " 'apt-get update && apt-get install -y chromium' (Debian), or name another with CHROMIUM=/path/to/chromium");
        ServeLog log = new ServeLog();
        ServedCopy copy = ServedCopy.of(PublishedStubs.read(PUBLISHED));
        HttpServer page = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        try (StubServer server = StubServer.start(copy.root(), new StubServer.Settings("127.0.0.1", 0, 100), log)) {
            LocalHttp http = new LocalHttp(server.port());
            String mappingsBefore = http.get("/__admin/mappings").body();
            String victim = http.json(http.get("/__admin/mappings"))
                    .path("mappings")
                    .get(0)
                    .path("id")
                    .asString();
            // What a consumer's app sent earlier, credentials included: what the page is after.
            http.get("/credits/packs", "Authorization", "Bearer consumer-token");

            byte[] attack =
                    attackPage("http://127.0.0.1:" + server.port(), victim).getBytes(StandardCharsets.UTF_8);
            page.createContext("/attack.html", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, attack.length);
                exchange.getResponseBody().write(attack);
                exchange.close();
            });
            page.start();

            String dom = dumpDom("http://127.0.0.1:" + page.getAddress().getPort() + "/attack.html");
            Matcher found = RESULTS.matcher(dom);
            assertThat(found.find())
                    .as("the page's results in its DOM:%n%s", dom)
                    .isTrue();
            JsonNode results = LocalHttp.JSON.readTree(found.group(1)
                    .replace("&quot;", "\"")
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">"));

            assertThat(results.path("done").asBoolean())
                    .as("the page ran to its end: %s", results)
                    .isTrue();
            assertThat(results.path("stubs").asString())
                    .as("the control: CORS on the stubs works")
                    .startsWith("read 200 {\"success\":true");
            assertThat(results.path("journal").asString()).isEqualTo("blocked: TypeError");
            assertThat(results.path("injectReadingTheAnswer").asString()).isEqualTo("blocked: TypeError");
            assertThat(results.path("inject").asString()).isEqualTo("sent, answer unreadable (opaque)");
            assertThat(results.path("save").asString()).isEqualTo("sent, answer unreadable (opaque)");
            assertThat(results.path("delete").asString()).isEqualTo("blocked: TypeError");
            assertThat(results.path("shutdown").asString()).isEqualTo("sent, answer unreadable (opaque)");

            // Each attempt reached the server, and was refused there.
            assertThat(log.held())
                    .contains(
                            "Refused GET /__admin/requests (CROSS_ORIGIN_REFUSED)",
                            "Refused POST /__admin/mappings (CROSS_ORIGIN_REFUSED)",
                            "Refused POST /__admin/mappings/save (CROSS_ORIGIN_REFUSED)",
                            "Refused OPTIONS /__admin/mappings/" + victim + " (CROSS_ORIGIN_REFUSED)",
                            "Refused POST /__admin/shutdown (CROSS_ORIGIN_REFUSED)");
            assertThat(server.isRunning()).isTrue();
            assertThat(http.get("/__admin/mappings").body()).isEqualTo(mappingsBefore);
            HttpResponse<String> packs = http.get("/credits/packs");
            assertThat(PublishedJson.MAPPER.readTree(packs.body()))
                    .isEqualTo(PublishedStubs.read(PUBLISHED).contracts().stream()
                            .filter(stub -> stub.contract().equals("shouldReturnActivePacks"))
                            .findFirst()
                            .orElseThrow()
                            .example());
        } finally {
            page.stop(0);
            copy.close();
        }
    }

    private String dumpDom(String url) throws IOException, InterruptedException {
        Path output = work.resolve("dom.html");
        Path errors = work.resolve("chromium.log");
        Process chromium = new ProcessBuilder(
                        CHROMIUM.toString(),
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--no-first-run",
                        "--user-data-dir=" + work.resolve("profile"),
                        "--virtual-time-budget=15000",
                        "--dump-dom",
                        url)
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        try {
            assertThat(chromium.waitFor(120, TimeUnit.SECONDS))
                    .as("Chromium finished within 120 s")
                    .isTrue();
        } finally {
            chromium.descendants().forEach(ProcessHandle::destroyForcibly);
            chromium.destroyForcibly();
        }
        return Files.readString(output);
    }

    /** The attacker's page: each attempt's outcome, as the page itself can tell it, into {@code <pre id="results">}. */
    private static String attackPage(String target, String mappingId) {
        return """
                <!doctype html>
                <html><body><pre id="results">{}</pre><script>
                const target = '%s';
                const stub = JSON.stringify({request: {method: 'GET', url: '/credits/packs'}, priority: 1,
                    response: {status: 200, jsonBody: {success: true, data: [{id: 'evil'}]}}});
                const results = {};
                const show = () => { document.getElementById('results').textContent = JSON.stringify(results); };
                async function attempt(name, run) {
                  try { results[name] = await run(); } catch (e) { results[name] = 'blocked: ' + e.name; }
                  show();
                }
                const opaque = (r) => 'sent, answer unreadable (' + r.type + ')';
                (async () => {
                  await attempt('stubs', async () => { const r = await fetch(target + '/credits/packs'); return 'read ' + r.status + ' ' + await r.text(); });
                  await attempt('journal', async () => { const r = await fetch(target + '/__admin/requests'); return 'read ' + r.status + ' ' + await r.text(); });
                  await attempt('injectReadingTheAnswer', async () => {
                    const r = await fetch(target + '/__admin/mappings', {method: 'POST', headers: {'Content-Type': 'text/plain'}, body: stub});
                    return 'read ' + r.status + ' ' + await r.text(); });
                  await attempt('inject', async () => opaque(await fetch(target + '/__admin/mappings',
                    {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, body: stub})));
                  await attempt('save', async () => opaque(await fetch(target + '/__admin/mappings/save', {method: 'POST', mode: 'no-cors'})));
                  await attempt('delete', async () => { const r = await fetch(target + '/__admin/mappings/%s', {method: 'DELETE'}); return 'read ' + r.status; });
                  await attempt('shutdown', async () => opaque(await fetch(target + '/__admin/shutdown', {method: 'POST', mode: 'no-cors'})));
                  results.done = true;
                  show();
                })();
                </script></body></html>
                """.formatted(target, mappingId);
    }
}
