package tech.flashback.creditpacks.packs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * A catalog as the bytes a client receives, rendered once per read of the store: its JSON body
 * and, for a large body, the same gzip-compressed, each with a strong ETag of its own.
 *
 * <p>The service compresses the catalog itself rather than leaving it to Tomcat: Tomcat does not
 * compress a response that has a strong ETag (two different byte sequences must not share one), and
 * a strong ETag is what lets every client revalidate the catalog for a 304.
 */
record RenderedCatalog(List<CreditPack> packs, Representation json, Representation gzip) {

    /** Bodies smaller than this are sent as they are: compressing them saves less than it costs. */
    static final int COMPRESS_FROM_BYTES = 2048;

    /** One byte sequence the catalog is sent as, and its entity tag. */
    record Representation(byte[] body, String etag, boolean compressed) {}

    static RenderedCatalog of(List<CreditPack> packs, JsonMapper mapper) {
        byte[] body = mapper.writeValueAsBytes(CreditPackList.of(packs));
        Representation json = new Representation(body, entityTag(body), false);
        Representation gzip = null;
        if (body.length >= COMPRESS_FROM_BYTES) {
            byte[] compressed = gzip(body);
            gzip = new Representation(compressed, entityTag(compressed), true);
        }
        return new RenderedCatalog(packs, json, gzip);
    }

    /** Whether responses may differ by Accept-Encoding, so caches must key on it. */
    boolean variesByEncoding() {
        return gzip != null;
    }

    /** The gzip form when there is one and the client's Accept-Encoding takes it, else the JSON as it is. */
    Representation forAcceptEncoding(String acceptEncoding) {
        return gzip != null && acceptsGzip(acceptEncoding) ? gzip : json;
    }

    /**
     * Accept-Encoding (RFC 9110, 12.5.3): gzip (or x-gzip) with a non-zero weight, or {@code *}
     * with a non-zero weight when gzip is not named. Anything unparseable counts as not accepting it.
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        Boolean named = null;
        boolean wildcard = false;
        for (String entry : acceptEncoding.split(",")) {
            String[] parts = entry.split(";", -1);
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            boolean wanted = weight(parts) > 0;
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                named = (named != null && named) || wanted;
            } else if (coding.equals("*")) {
                wildcard = wanted;
            }
        }
        return named != null ? named : wildcard;
    }

    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.regionMatches(true, 0, "q=", 0, 2)) {
                try {
                    return Double.parseDouble(parameter.substring(2).trim());
                } catch (NumberFormatException unreadable) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /** Strong: two byte sequences share a tag only if they are the same bytes. */
    private static String entityTag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\""
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(digest)
                            .substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException everyJavaHasSha256) {
            throw new IllegalStateException(everyJavaHasSha256);
        }
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(body.length / 4);
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(body);
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
        return compressed.toByteArray();
    }
}
