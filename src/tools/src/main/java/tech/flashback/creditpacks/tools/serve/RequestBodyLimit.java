package tech.flashback.creditpacks.tools.serve;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import wiremock.jakarta.servlet.Filter;
import wiremock.jakarta.servlet.FilterChain;
import wiremock.jakarta.servlet.ReadListener;
import wiremock.jakarta.servlet.ServletException;
import wiremock.jakarta.servlet.ServletInputStream;
import wiremock.jakarta.servlet.ServletRequest;
import wiremock.jakarta.servlet.ServletResponse;
import wiremock.jakarta.servlet.http.HttpServletRequest;
import wiremock.jakarta.servlet.http.HttpServletRequestWrapper;
import wiremock.jakarta.servlet.http.HttpServletResponse;

/**
 * Bounds every request body before WireMock reads it. WireMock reads a whole body into memory,
 * however long, and inflates any body that says or merely looks gzip-compressed, so a 1 MiB body
 * could become a gigabyte: a body, as sent and as inflated, may be at most {@link #MAX_BODY_BYTES},
 * or the request gets a 413 envelope. A body within the bound is read here and handed on as bytes.
 */
final class RequestBodyLimit implements Filter {

    /** 1 MiB: the stubs' mappings are a few kilobytes, and so are the bodies a consumer's test sends. */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    /**
     * A refused body that was sent anyway is read and dropped up to this much, so that the client
     * reads the 413 rather than a reset connection; past it, the connection is closed. (A client
     * that asked {@code Expect: 100-continue} is answered before it sends anything.)
     */
    static final long MAX_DRAINED_BYTES = 32L * 1024 * 1024;

    private static final byte[] GZIP_MAGIC = {(byte) 0x1f, (byte) 0x8b};

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        long declared = request.getContentLengthLong();
        String transferEncoding = request.getHeader("Transfer-Encoding");
        boolean chunked = declared < 0
                && transferEncoding != null
                && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked");
        if (declared <= 0 && !chunked) {
            chain.doFilter(servletRequest, servletResponse);
            return;
        }
        if (declared > MAX_BODY_BYTES) {
            refuse(request, response, ErrorResponse.tooLarge("this one has " + declared), 0);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            refuse(request, response, ErrorResponse.tooLarge("this one has more"), body.length);
            return;
        }
        if (markedGzip(request) || startsWithGzipMagic(body)) {
            long inflated = inflatedSize(body);
            if (inflated < 0) {
                refuse(request, response, ErrorResponse.notGzip(), body.length);
                return;
            }
            if (inflated > MAX_BODY_BYTES) {
                refuse(request, response, ErrorResponse.tooLarge("this one inflates to more"), body.length);
                return;
            }
        }
        chain.doFilter(new ReadBody(request, body), servletResponse);
    }

    private static void refuse(
            HttpServletRequest request, HttpServletResponse response, ErrorResponse refusal, long alreadyRead)
            throws IOException {
        String expect = request.getHeader("Expect");
        boolean bodyWaitsForUs = alreadyRead == 0
                && expect != null
                && expect.toLowerCase(Locale.ROOT).contains("100-continue");
        if (!bodyWaitsForUs) {
            drain(request.getInputStream(), MAX_DRAINED_BYTES - alreadyRead);
        }
        refusal.write(response, true);
    }

    private static void drain(InputStream body, long atMost) {
        byte[] scratch = new byte[64 * 1024];
        long left = atMost;
        try {
            for (int read = 0; left > 0 && read >= 0; left -= read) {
                read = body.read(scratch, 0, (int) Math.min(scratch.length, left));
            }
        } catch (IOException clientGone) {
            // The refusal is written all the same; the connection closes after it.
        }
    }

    private static boolean markedGzip(HttpServletRequest request) {
        String encoding = request.getHeader("Content-Encoding");
        return encoding != null && encoding.contains("gzip");
    }

    private static boolean startsWithGzipMagic(byte[] body) {
        return body.length >= 2 && body[0] == GZIP_MAGIC[0] && body[1] == GZIP_MAGIC[1];
    }

    /** The inflated size, counted up to one byte past the bound; -1 for a body that is not gzip. */
    private static long inflatedSize(byte[] body) {
        byte[] scratch = new byte[64 * 1024];
        long size = 0;
        try (GZIPInputStream inflating = new GZIPInputStream(new ByteArrayInputStream(body))) {
            for (int read = inflating.read(scratch);
                    read >= 0 && size <= MAX_BODY_BYTES;
                    read = inflating.read(scratch)) {
                size += read;
            }
            return size;
        } catch (IOException notGzip) {
            return -1;
        }
    }

    /** The request as WireMock reads it: the body from the bytes already read. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;
        private ServletInputStream stream;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            if (stream == null) {
                ByteArrayInputStream bytes = new ByteArrayInputStream(body);
                stream = new ServletInputStream() {
                    @Override
                    public int read() {
                        return bytes.read();
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) {
                        return bytes.read(buffer, offset, length);
                    }

                    @Override
                    public boolean isFinished() {
                        return bytes.available() == 0;
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        throw new IllegalStateException("The body has been read already");
                    }
                };
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null || !Charset.isSupported(encoding)
                    ? StandardCharsets.UTF_8
                    : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
