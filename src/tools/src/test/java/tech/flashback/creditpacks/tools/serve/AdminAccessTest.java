package tech.flashback.creditpacks.tools.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.flashback.creditpacks.tools.serve.AdminAccess.Verdict;

/** Who the admin API answers, header by header (the server's own port is 8090 here). */
class AdminAccessTest {

    private static final AdminAccess LOOPBACK = AdminAccess.forBindAddress("127.0.0.1");

    @ParameterizedTest(name = "Host {0}, Origin {1}, Sec-Fetch-Site {2}: {3}")
    @CsvSource(
            nullValues = "-",
            value = {
                // The machine's own tools: no Origin, no Sec-Fetch-Site.
                "localhost:8090,        -,                       -,           ALLOWED",
                "127.0.0.1:8090,        -,                       -,           ALLOWED",
                "127.0.0.1,             -,                       -,           ALLOWED",
                "127.42.0.1:8090,       -,                       -,           ALLOWED",
                "[::1]:8090,            -,                       -,           ALLOWED",
                "[0:0:0:0:0:0:0:1],     -,                       -,           ALLOWED",
                "LocalHost.:8090,       -,                       -,           ALLOWED",
                "-,                     -,                       -,           ALLOWED",
                // A page served by the server itself (WireMock's own admin pages).
                "localhost:8090,        http://localhost:8090,   same-origin, ALLOWED",
                "127.0.0.1:8090,        http://127.0.0.1:8090,   -,           ALLOWED",
                "localhost:8090,        -,                       none,        ALLOWED",
                // Pages on other origins, whatever they send.
                "localhost:8090,        http://evil.example,     cross-site,  CROSS_ORIGIN",
                "localhost:8090,        http://localhost:5173,   same-site,   CROSS_ORIGIN",
                "localhost:8090,        http://localhost,        -,           CROSS_ORIGIN",
                "localhost:8090,        https://localhost:8090,  -,           CROSS_ORIGIN",
                "localhost:8090,        null,                    -,           CROSS_ORIGIN",
                "localhost:8090,        http://localhost:8090/x, -,           CROSS_ORIGIN",
                "localhost:8090,        not an origin,           -,           CROSS_ORIGIN",
                "localhost:8090,        -,                       cross-site,  CROSS_ORIGIN",
                "localhost:8090,        -,                       same-site,   CROSS_ORIGIN",
                // DNS rebinding: the page's own name, resolving to 127.0.0.1.
                "evil.example:8090,     -,                       -,           FOREIGN_HOST",
                "evil.example:8090,     http://evil.example:8090, same-origin, FOREIGN_HOST",
                "127.0.0.1.nip.io:8090, -,                       -,           FOREIGN_HOST",
                "localhost.evil.example, -,                      -,           FOREIGN_HOST",
                "128.0.0.1:8090,        -,                       -,           FOREIGN_HOST",
                "127.0.0.256,           -,                       -,           FOREIGN_HOST"
            })
    void judgesEachRequestByItsHostOriginAndFetchSite(String host, String origin, String fetchSite, Verdict expected) {
        assertThat(LOOPBACK.judge(host, origin, fetchSite, 8090)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "bound to {0}, Host {1}: {2}")
    @CsvSource({
        "192.168.56.10, 192.168.56.10:8090, ALLOWED",
        "192.168.56.10, 192.168.56.11:8090, FOREIGN_HOST",
        "192.168.56.10, localhost:8090,     ALLOWED",
        "0.0.0.0,       127.0.0.1:8090,     ALLOWED",
        "0.0.0.0,       evil.example:8090,  FOREIGN_HOST"
    })
    void takesTheBoundAddressAsItsOwn(String bindAddress, String host, Verdict expected) {
        assertThat(AdminAccess.forBindAddress(bindAddress).judge(host, null, null, 8090))
                .isEqualTo(expected);
    }
}
