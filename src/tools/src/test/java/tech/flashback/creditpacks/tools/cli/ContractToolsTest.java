package tech.flashback.creditpacks.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The command line registers only the command its first argument names (picocli reads every
 * registered command's options first); what a user sees is that of a command line with them all.
 */
class ContractToolsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return ContractTools.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void theUsageListsEveryCommandInOrder() {
        assertThat(run("--help")).isEqualTo(0);

        assertThat(out.toString()
                        .lines()
                        .filter(line -> line.matches("  [a-z-]+ +\\S.*"))
                        .map(line -> line.strip().split(" +")[0]))
                .containsExactly("publish", "verify", "can-i-deploy", "gate", "diff", "usage", "serve");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aMistypedCommandIsRefusedWithTheCommandsItMayMean() {
        assertThat(run("verfy")).isEqualTo(ContractTools.Exit.UNUSABLE.code);

        assertThat(err.toString())
                .startsWith("Unmatched argument at index 0: 'verfy'" + System.lineSeparator()
                        + "Did you mean: contract-tools verify or contract-tools serve?" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aCommandNamedFirstExplainsItselfUnderTheToolsName() {
        assertThat(run("verify", "--help")).isEqualTo(0);

        assertThat(out.toString())
                .startsWith("Usage: contract-tools verify [-hV] ")
                .contains("--producer=URL", "--states=URL");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void helpAskedBeforeACommandIsTheToolsUsageWithEveryCommand() {
        assertThat(run("-h", "verify")).isEqualTo(0);

        assertThat(out.toString())
                .startsWith("Usage: contract-tools [-hV] [COMMAND]")
                .contains("  publish ", "  serve ");
        assertThat(err.toString()).isEmpty();
    }
}
