package tech.flashback.creditpacks.tools.serve;

import com.github.tomakehurst.wiremock.common.Notifier;
import java.io.IOException;
import wiremock.jakarta.servlet.Filter;
import wiremock.jakarta.servlet.FilterChain;
import wiremock.jakarta.servlet.ServletException;
import wiremock.jakarta.servlet.ServletRequest;
import wiremock.jakarta.servlet.ServletResponse;
import wiremock.jakarta.servlet.http.HttpServletRequest;
import wiremock.jakarta.servlet.http.HttpServletResponse;

/**
 * The first filter of the admin API: a request {@link AdminAccess} refuses gets a 403 envelope and
 * never reaches WireMock. Each refusal is logged: a developer whose log shows them has a page open
 * that tries to drive the stub server.
 */
final class AdminGuard implements Filter {

    private final AdminAccess access;
    private final Notifier log;

    AdminGuard(AdminAccess access, Notifier log) {
        this.access = access;
        this.log = log;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        String host = request.getHeader("Host");
        String origin = request.getHeader("Origin");
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        AdminAccess.Verdict verdict = access.judge(host, origin, fetchSite, request.getLocalPort());
        if (verdict == AdminAccess.Verdict.ALLOWED) {
            chain.doFilter(servletRequest, servletResponse);
            return;
        }
        ErrorResponse refusal = ErrorResponse.refusedByAdmin(verdict, host, origin, fetchSite);
        log.error("Refused " + request.getMethod() + " " + request.getRequestURI() + " (" + refusal.errorCode() + "): "
                + refusal.message());
        refusal.write((HttpServletResponse) servletResponse, false);
    }
}
