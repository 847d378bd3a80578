package tech.flashback.creditpacks.tools.publish;

/**
 * A contract the build cannot publish as it stands, with where to look ({@code file:line}) and
 * what to change. The publisher collects them all and fails the build once, listing each.
 */
final class ContractProblem extends RuntimeException {

    ContractProblem(String where, String message) {
        super(where + ": " + message);
    }
}
