package tech.flashback.creditpacks.tools.publish;

import java.nio.file.Path;

/**
 * A contract file as its author sees it, so that a problem found in a contract can name the file
 * and the line to look at.
 */
record ContractSource(Path file, String text) {

    /** {@code file:line} of the first line containing {@code needle}, or just the file when none does. */
    String at(String needle) {
        int index = needle == null ? -1 : text.indexOf(needle);
        if (index < 0) {
            return file.toString();
        }
        return file + ":" + (text.substring(0, index).chars().filter(c -> c == '\n').count() + 1);
    }
}
