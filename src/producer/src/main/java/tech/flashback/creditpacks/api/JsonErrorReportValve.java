package tech.flashback.creditpacks.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatusCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat answers some bad requests itself, before any Spring code runs (an undecodable or
 * escaping path, an encoded slash, a header over the size limit). Its stock valve renders those
 * as an HTML page; this one writes the API's JSON envelope instead.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ApiError body = ApiError.describing(HttpStatusCode.valueOf(status));
        try {
            response.setContentType("application/json");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(body));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was already committed: nothing left to tell it.
        }
    }
}
