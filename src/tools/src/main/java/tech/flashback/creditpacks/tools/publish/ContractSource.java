package tech.flashback.creditpacks.tools.publish;

import java.nio.file.Path;

/**
 * A contract file as its author sees it, so that a problem found in a contract can name the file
 * and the line to look at. {@code from} is where in the text to start looking: a file holds several
 * contracts, and a contract the same JSON path in its request's matchers and its response's.
 */
record ContractSource(Path file, String text, int from) {

    ContractSource(Path file, String text) {
        this(file, text, 0);
    }

    /** {@code file:line} of the first line containing {@code needle} (from {@link #from}), or just the file when none does. */
    String at(String needle) {
        int index = needle == null ? -1 : text.indexOf(needle, from);
        if (index < 0 && from > 0) {
            index = text.indexOf(needle);
        }
        if (index < 0) {
            return file.toString();
        }
        return file + ":"
                + (text.substring(0, index).chars().filter(c -> c == '\n').count() + 1);
    }

    /** The same file, looked at from the first {@code marker} on (from where it is looked at now); itself when there is none. */
    ContractSource after(String marker) {
        int index = text.indexOf(marker, from);
        return index < 0 ? this : new ContractSource(file, text, index);
    }
}
