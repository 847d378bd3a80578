package tech.flashback.creditpacks.tools.serve;

import com.github.tomakehurst.wiremock.common.Notifier;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where WireMock's own messages go (its errors, and its report of each request no stub matched;
 * its per-request information is dropped). Until the server has its port they are held, so that a
 * server that could not start never writes into the log of the one that holds the port, and
 * {@link #held()} can show them; then they go to a file, or to standard error.
 */
public final class ServeLog implements Notifier {

    private final StringBuilder held = new StringBuilder();
    private PrintStream target;

    /** From now on, to {@code file} (replaced), the messages held so far first. */
    public synchronized void toFile(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            OutputStream out = Files.newOutputStream(
                    file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            switchTo(new PrintStream(out, true, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the stub server's log " + file, e);
        }
    }

    public synchronized void toStandardError() {
        switchTo(System.err);
    }

    /** What was held before the log had a place. */
    public synchronized String held() {
        return held.toString();
    }

    private void switchTo(PrintStream stream) {
        stream.print(held);
        stream.flush();
        held.setLength(0);
        target = stream;
    }

    @Override
    public void info(String message) {}

    @Override
    public synchronized void error(String message) {
        if (target == null) {
            held.append(message).append('\n');
        } else {
            target.println(message);
        }
    }

    @Override
    public synchronized void error(String message, Throwable cause) {
        error(message + (cause == null ? "" : ": " + cause));
    }
}
