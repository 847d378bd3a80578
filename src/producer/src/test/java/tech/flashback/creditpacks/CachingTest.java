package tech.flashback.creditpacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tech.flashback.creditpacks.contracttests.ContractStubs;
import tech.flashback.creditpacks.packs.CreditPackCatalog;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reference data every client fetches: a strong ETag and 304 for a matching If-None-Match, a
 * Cache-Control that keeps client caches inside the staleness bound, nosniff, and gzip for large
 * bodies when the client asks. A database of its own, since some tests grow the catalog.
 */
@PatientStore
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "spring.datasource.url=jdbc:h2:mem:caching;DB_CLOSE_DELAY=-1"})
class CachingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String STRONG_TAG = "\"[A-Za-z0-9_-]{22}\"";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CreditPackCatalog catalog;

    @AfterEach
    void restoreTheSeededCatalog() {
        jdbc.sql("DELETE FROM credit_pack WHERE id LIKE 'pack-bulk-%'").update();
        catalog.refresh();
    }

    @Test
    void theCatalogHasAStrongETagAndMayBeCachedOnlyWithinTheStalenessBound() throws Exception {
        HttpResponse<byte[]> response = get();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag"))
                .hasValueSatisfying(tag -> assertThat(tag).matches(STRONG_TAG));
        // The default bound is 1 s: nothing of it is left in whole seconds, so every use revalidates.
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=0, must-revalidate, public");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(JSON.readTree(response.body())).isEqualTo(ContractStubs.responseBody("shouldReturnActivePacks"));
    }

    @Test
    void aMatchingIfNoneMatchGetsA304WithoutABody() throws Exception {
        String etag = get().headers().firstValue("ETag").orElseThrow();

        for (String ifNoneMatch : new String[] {etag, "W/" + etag, "\"other\", " + etag}) {
            HttpResponse<byte[]> response = get("If-None-Match", ifNoneMatch);

            assertThat(response.statusCode())
                    .as("If-None-Match: %s", ifNoneMatch)
                    .isEqualTo(304);
            assertThat(response.body()).isEmpty();
            assertThat(response.headers().firstValue("ETag")).hasValue(etag);
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=0, must-revalidate, public");
        }
        assertThat(get("If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void aChangedCatalogHasAnotherETag() throws Exception {
        String before = get().headers().firstValue("ETag").orElseThrow();
        addPacks(1);

        HttpResponse<byte[]> response = get("If-None-Match", before);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag"))
                .hasValueSatisfying(tag -> assertThat(tag).matches(STRONG_TAG).isNotEqualTo(before));
        assertThat(JSON.readTree(response.body()).get("data")).hasSize(4);
    }

    @Test
    void aLargeCatalogIsCompressedForClientsThatAskForIt() throws Exception {
        addPacks(60);
        HttpResponse<byte[]> plain = get();

        HttpResponse<byte[]> compressed = get("Accept-Encoding", "gzip");

        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.headers().allValues("Vary"))
                .anySatisfy(vary -> assertThat(vary).containsIgnoringCase("accept-encoding"));
        assertThat(plain.body().length).isGreaterThan(2048);
        assertThat(compressed.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(compressed.headers().allValues("Vary"))
                .anySatisfy(vary -> assertThat(vary).containsIgnoringCase("accept-encoding"));
        assertThat(compressed.body().length).isLessThan(plain.body().length / 4);
        assertThat(gunzip(compressed.body())).isEqualTo(plain.body());
        // Other bytes, so another strong tag; each revalidates its own form.
        String plainTag = plain.headers().firstValue("ETag").orElseThrow();
        String compressedTag = compressed.headers().firstValue("ETag").orElseThrow();
        assertThat(compressedTag).matches(STRONG_TAG).isNotEqualTo(plainTag);
        assertThat(get("Accept-Encoding", "gzip", "If-None-Match", compressedTag)
                        .statusCode())
                .isEqualTo(304);
        assertThat(get("If-None-Match", plainTag).statusCode()).isEqualTo(304);
        assertThat(get("Accept-Encoding", "gzip;q=0, identity").headers().firstValue("Content-Encoding"))
                .isEmpty();
    }

    private void addPacks(int count) {
        for (int i = 0; i < count; i++) {
            jdbc.sql("INSERT INTO credit_pack (id, name, code, credits, price) VALUES (?, ?, ?, ?, ?)")
                    .params(
                            "pack-bulk-" + i,
                            "Bulk pack number " + i,
                            "PACK_BULK_" + i,
                            1000 + i,
                            new BigDecimal("149.99"))
                    .update();
        }
        catalog.refresh();
    }

    private HttpResponse<byte[]> get(String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/credits/packs"));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] compressed) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }
}
