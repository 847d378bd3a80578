package tech.flashback.creditpacks.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What every exchange with the service shares, first of all filters:
 * <ul>
 * <li>responses say {@code X-Content-Type-Options: nosniff}, so a browser never runs a JSON body as
 *     anything else;</li>
 * <li>{@code Accept-Language} is not parsed. The API answers in English only, and Tomcat throws
 *     (a 500 and a stack trace per request) on more than 10 locales, on Spring's first call to
 *     {@code getLocale()}; so the request reports English whatever the header says.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SharedHeadersFilter extends OncePerRequestFilter {

    static final Locale API_LANGUAGE = Locale.ENGLISH;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        chain.doFilter(new EnglishOnly(request), response);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        // Error dispatches call getLocale() too, and their responses need the header as well.
        return false;
    }

    private static final class EnglishOnly extends HttpServletRequestWrapper {

        EnglishOnly(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Locale getLocale() {
            return API_LANGUAGE;
        }

        @Override
        public Enumeration<Locale> getLocales() {
            return Collections.enumeration(List.of(API_LANGUAGE));
        }
    }
}
