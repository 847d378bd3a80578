package tech.flashback.creditpacks.packs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenderedCatalogTest {

    @ParameterizedTest(name = "Accept-Encoding: {0} -> gzip {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "none",
            value = {
                "none | false",
                "gzip | true",
                "GZIP | true",
                "gzip, deflate, br | true",
                "x-gzip | true",
                "br;q=1.0, gzip;q=0.8 | true",
                "gzip;q=0 | false",
                "gzip;q=0.0, identity | false",
                "* | true",
                "*;q=0 | false",
                "gzip;q=0, * | false",
                "identity | false",
                "gzip;q=abc | false",
                "',,;' | false"
            })
    void acceptsGzipOnlyWhenTheClientGivesItAWeight(String acceptEncoding, boolean gzip) {
        assertThat(RenderedCatalog.acceptsGzip(acceptEncoding)).isEqualTo(gzip);
    }
}
