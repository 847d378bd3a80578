package tech.flashback.creditpacks.tools.cli;

/**
 * The commands as the Maven build runs them (exec:java, in Maven's own JVM): the same command
 * line, but a failure ends the build with a message instead of ending the JVM, which is Maven's.
 */
public final class MavenEntryPoint {

    private MavenEntryPoint() {}

    public static void main(String[] args) {
        int exit = ContractTools.run(args);
        if (exit != ContractTools.Exit.PASSED.code) {
            throw new IllegalStateException("contract-tools " + (args.length == 0 ? "" : args[0]) + " "
                    + (exit == ContractTools.Exit.FAILED.code ? "failed" : "could not run") + " (exit " + exit
                    + "; see above)");
        }
    }
}
