package tech.flashback.creditpacks.statehook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.flashback.creditpacks.statehook.StateHookSwitch.Verdict;

/** What the switch decides from a connection's URL, and how it names that URL in its log. */
class StateHookSwitchTest {

    @ParameterizedTest(name = "{0}, real store allowed: {1}")
    @CsvSource(
            nullValues = "none",
            value = {
                "jdbc:h2:mem:creditpacks;DB_CLOSE_DELAY=-1, false, ON_EMBEDDED_DATABASE",
                "jdbc:h2:mem:, true, ON_EMBEDDED_DATABASE",
                "jdbc:h2:file:/var/lib/creditpacks/catalog, false, OFF_REAL_STORE",
                "jdbc:h2:tcp://db.example/mem:creditpacks, false, OFF_REAL_STORE",
                "jdbc:postgresql://db.example:5432/creditpacks, false, OFF_REAL_STORE",
                "jdbc:postgresql://db.example:5432/creditpacks, true, ON_REAL_STORE_ALLOWED",
                "JDBC:H2:MEM:creditpacks, false, OFF_REAL_STORE",
                "none, false, OFF_DATABASE_UNKNOWN",
                "none, true, ON_REAL_STORE_ALLOWED"
            })
    void onlyTheEmbeddedInMemoryDatabaseIsRewrittenWithoutBeingAllowed(
            String url, boolean realStoreAllowed, Verdict verdict) {
        assertThat(Verdict.of(url, realStoreAllowed)).isEqualTo(verdict);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "jdbc:postgresql://db.example:5432/creditpacks | jdbc:postgresql://db.example:5432/creditpacks",
                "jdbc:postgresql://db.example:5432/creditpacks?user=app&password=s3cret&ssl=true | jdbc:postgresql://db.example:5432/creditpacks",
                "jdbc:postgresql://app:s3cret@db.example:5432/creditpacks | jdbc:postgresql://***@db.example:5432/creditpacks",
                "jdbc:h2:file:/srv/catalog;USER=sa;PASSWORD=s3cret | jdbc:h2:file:/srv/catalog",
                "jdbc:sqlserver://db.example:1433;databaseName=creditpacks;password=s3cret | jdbc:sqlserver://db.example:1433",
                "jdbc:oracle:thin:app/s3cret@db.example:1521:orcl | jdbc:oracle:***@db.example:1521:orcl"
            })
    void namesTheDatabaseWithoutItsCredentials(String url, String shown) {
        assertThat(StateHookSwitch.withoutCredentials(url)).isEqualTo(shown).doesNotContain("s3cret");
    }
}
