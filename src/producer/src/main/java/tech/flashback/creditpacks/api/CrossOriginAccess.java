package tech.flashback.creditpacks.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * CORS for the catalog, so the reference page's {@code fetch} sample works from a web page on
 * another origin. The catalog is public reference data and no request carries credentials, so any
 * origin may read it by default ({@code credit-packs.cors.allowed-origins} narrows that); only the
 * methods the endpoint has (GET, HEAD) are offered, and a browser may cache the preflight's response.
 *
 * <p>A filter rather than Spring MVC's CORS mappings: it also covers the 500 and 406 envelopes,
 * so a browser script can read why its request failed, and it answers preflights itself.
 */
@Configuration(proxyBeanMethods = false)
public class CrossOriginAccess {

    static final List<String> ENDPOINTS = List.of("/credits/packs");

    @Bean
    FilterRegistrationBean<CorsFilter> crossOriginFilter(
            @Value("${credit-packs.cors.allowed-origins:*}") List<String> allowedOrigins,
            @Value("${credit-packs.cors.preflight-max-age:1h}") Duration preflightMaxAge) {
        CorsConfiguration policy = new CorsConfiguration();
        if (allowedOrigins.equals(List.of(CorsConfiguration.ALL))) {
            // "Access-Control-Allow-Origin: *" rather than each origin echoed back: one response fits all.
            policy.setAllowedOrigins(allowedOrigins);
        } else {
            policy.setAllowedOriginPatterns(allowedOrigins);
        }
        policy.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.HEAD.name()));
        // Any request header: a client may add If-None-Match, Cache-Control or its own tracing headers.
        policy.setAllowedHeaders(List.of(CorsConfiguration.ALL));
        policy.setExposedHeaders(List.of(HttpHeaders.ETAG));
        policy.setAllowCredentials(false);
        policy.setMaxAge(preflightMaxAge);
        UrlBasedCorsConfigurationSource endpoints = new UrlBasedCorsConfigurationSource();
        ENDPOINTS.forEach(path -> endpoints.registerCorsConfiguration(path, policy));

        CorsFilter filter = new CorsFilter(endpoints);
        filter.setCorsProcessor(new JsonRejections());
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Spring answers a refused cross-origin request with a plain-text 403; this answers in the envelope. */
    static final class JsonRejections extends DefaultCorsProcessor {

        private static final byte[] BODY = JsonMapper.builder()
                .build()
                .writeValueAsBytes(new ApiError(
                        "CORS_REJECTED",
                        "This origin, method or header is not allowed to read this endpoint from a browser"));

        @Override
        protected void rejectRequest(ServerHttpResponse response) throws IOException {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            response.getHeaders().setContentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8));
            response.getBody().write(BODY);
            response.flush();
        }
    }
}
