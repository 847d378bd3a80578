package tech.flashback.creditpacks.tools.serve;

import java.io.IOException;

import wiremock.jakarta.servlet.Filter;
import wiremock.jakarta.servlet.FilterChain;
import wiremock.jakarta.servlet.ServletException;
import wiremock.jakarta.servlet.ServletRequest;
import wiremock.jakarta.servlet.ServletResponse;
import wiremock.jakarta.servlet.http.HttpServletRequest;
import wiremock.jakarta.servlet.http.HttpServletResponse;

/** The first filter of the admin API: a request {@link AdminAccess} refuses gets a 403 envelope and never reaches WireMock. */
final class AdminGuard implements Filter {

    private final AdminAccess access;

    AdminGuard(AdminAccess access) {
        this.access = access;
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
        ErrorAnswer.refusedByAdmin(verdict, host, origin, fetchSite).write((HttpServletResponse) servletResponse, false);
    }
}
