package tech.flashback.creditpacks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bare HTTP/1.1 client for requests that well-behaved clients refuse to send (a path with
 * {@code ..}, an encoded slash, a 64 KiB header): writes the request as given, reads to EOF.
 */
final class RawHttp {

    record Response(int status, Map<String, String> headers, String body, String raw) {}

    private RawHttp() {}

    static Response send(int port, String method, String target, String... headerLines) throws IOException {
        return exchange(port, method + " " + target + " HTTP/1.1", headerLines, "");
    }

    /** The same, with another protocol version in the request line. */
    static Response sendAs(String version, int port, String method, String target, String... headerLines)
            throws IOException {
        return exchange(port, method + " " + target + " " + version, headerLines, "");
    }

    /** The same, with a body (its Content-Length added). */
    static Response sendWithBody(int port, String method, String target, String body, String... headerLines)
            throws IOException {
        String[] withLength = Arrays.copyOf(headerLines, headerLines.length + 1);
        withLength[headerLines.length] = "Content-Length: " + body.getBytes(StandardCharsets.ISO_8859_1).length;
        return exchange(port, method + " " + target + " HTTP/1.1", withLength, body);
    }

    private static Response exchange(int port, String requestLine, String[] headerLines, String body)
            throws IOException {
        StringBuilder request = new StringBuilder(requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        request.append("\r\n").append(body);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static Response parse(String raw) {
        int headerEnd = raw.indexOf("\r\n\r\n");
        String[] head = raw.substring(0, headerEnd).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.put(
                    head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    head[i].substring(colon + 1).trim());
        }
        String body = raw.substring(headerEnd + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(Integer.parseInt(head[0].split(" ")[1]), headers, body, raw);
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(
                    chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
