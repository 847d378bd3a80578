package tech.flashback.creditpacks.tools.published;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a producer or a stub answered: status, headers (names in any case) and the body's bytes. */
public record ObservedResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public ObservedResponse {
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        headers = byName;
    }

    /** The header's first value, or null when the response has none. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
