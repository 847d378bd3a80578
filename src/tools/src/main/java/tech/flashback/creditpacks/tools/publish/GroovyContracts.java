package tech.flashback.creditpacks.tools.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.cloud.contract.spec.Contract;
import org.springframework.cloud.contract.verifier.util.ContractVerifierDslConverter;

/**
 * Reads a Groovy contract file with Spring Cloud Contract's own DSL reader, as its Maven plugin
 * does, and turns what can go wrong on the way into a {@link ContractProblem} naming the file, the
 * line where Groovy gives one, and what to change: a file that is not UTF-8, one too large to be a
 * contract, one Groovy cannot compile.
 */
final class GroovyContracts {

    /** A contract with an example body of a few hundred kilobytes is a test fixture, not an example a reader can review. */
    static final int MAX_FILE_BYTES = 512 * 1024;

    /** Groovy's compile errors say {@code file: 12: message @ line 12, column 5.} */
    private static final Pattern GROOVY_LINE = Pattern.compile("@ line (\\d+), column \\d+");

    private GroovyContracts() {}

    /** The file's contracts and its text; at least one contract, or a problem. */
    record Read(ContractSource source, List<Contract> contracts) {}

    static Read read(Path root, Path file) {
        String text = utf8Text(file, MAX_FILE_BYTES, "a contract");
        Collection<Contract> contracts;
        try {
            contracts = ContractVerifierDslConverter.convertAsCollection(root.toFile(), file.toFile());
        } catch (RuntimeException | StackOverflowError | LinkageError unreadable) {
            throw new ContractProblem(
                    where(file, unreadable),
                    "Spring Cloud Contract cannot read it as a contract: " + firstLine(unreadable));
        }
        if (contracts == null || contracts.isEmpty()) {
            throw new ContractProblem(
                    file.toString(),
                    "the file holds no contract: a contract file ends with Contract.make { ... }"
                            + " (or a list of them)");
        }
        return new Read(new ContractSource(file, text), List.copyOf(contracts));
    }

    /**
     * A contract file's text: no larger than {@code maxBytes}, and UTF-8 (as Groovy and JSON readers read it).
     *
     * @throws ContractProblem naming the file, and the line where it is not UTF-8
     */
    static String utf8Text(Path file, int maxBytes, String what) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        if (bytes.length > maxBytes) {
            throw new ContractProblem(
                    file.toString(),
                    "the file is " + bytes.length + " bytes, more than " + what + "'s " + maxBytes
                            + ": keep its example short (its rules, not the example, say what a producer may send)");
        }
        return utf8(file, bytes);
    }

    /** The text, if it is UTF-8 (as Groovy reads it); otherwise where it is not, and what to do. */
    private static String utf8(Path file, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(in, out, true);
        if (!result.isError()) {
            return out.flip().toString();
        }
        int offset = in.position();
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        throw new ContractProblem(
                file + ":" + line,
                "the file is not UTF-8 (the byte 0x" + String.format("%02X", bytes[offset] & 0xFF)
                        + " is not UTF-8 there; Latin-1 or Windows-1252 would explain it): save it as UTF-8, as Groovy reads it");
    }

    private static String where(Path file, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            Matcher line = GROOVY_LINE.matcher(String.valueOf(cause.getMessage()));
            if (line.find()) {
                return file + ":" + line.group(1);
            }
        }
        return file.toString();
    }

    /** The most telling line of a failure: Groovy's own message, not the wrapper's class name. */
    private static String firstLine(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof StackOverflowError) {
            return "it is too deeply nested for Groovy to compile";
        }
        String message = String.valueOf(root.getMessage());
        for (String line : message.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()
                    && !trimmed.equals("startup failed:")
                    && !trimmed.startsWith("General error during")) {
                String withoutFile = trimmed.replaceFirst("^.*?\\.g(roo)?vy: \\d+: ", "");
                if (withoutFile.contains("Method too large") || withoutFile.contains("too large")) {
                    return "it is too large for Groovy to compile (" + withoutFile + "): keep its example short";
                }
                return withoutFile;
            }
        }
        return message;
    }
}
