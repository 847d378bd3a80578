package tech.flashback.creditpacks.tools.serve;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import wiremock.jakarta.servlet.DispatcherType;
import wiremock.org.eclipse.jetty.servlet.FilterHolder;
import wiremock.org.eclipse.jetty.servlet.FilterMapping;
import wiremock.org.eclipse.jetty.servlet.ServletContextHandler;
import wiremock.org.eclipse.jetty.servlet.ServletHandler;
import wiremock.org.eclipse.jetty.servlets.CrossOriginFilter;

/**
 * WireMock's own Jetty server (the classes the standalone jar carries, under its {@code wiremock.}
 * prefix), with two changes to its servlet contexts:
 * <ul>
 *   <li>the admin API ({@code /__admin}) loses the CORS filter WireMock always gives it (any origin,
 *       credentials allowed, every method), and gains {@link AdminGuard} in front;</li>
 *   <li>both contexts bound request bodies ({@link RequestBodyLimit}); the stubs keep their CORS
 *       filter, ahead of the bound, so a refused web app still reads why.</li>
 * </ul>
 */
final class GuardedJettyServer extends Jetty11HttpServer {

    /** Builds this server instead of WireMock's own. */
    static final class Factory implements HttpServerFactory {

        @Override
        public HttpServer buildHttpServer(Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
            return new GuardedJettyServer(options, admin, stubs);
        }
    }

    private GuardedJettyServer(Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
        super(options, admin, stubs);
    }

    // Called from the superclass's constructor: it may use only what that set (options), no field of its own.
    @Override
    protected void decorateAdminServiceContextAfterConfig(ServletContextHandler admin) {
        ServletHandler servlets = admin.getServletHandler();
        Set<String> cors = Arrays.stream(servlets.getFilters())
                .filter(holder -> holder.getHeldClass() == CrossOriginFilter.class
                        || CrossOriginFilter.class.getName().equals(holder.getClassName()))
                .map(FilterHolder::getName)
                .collect(Collectors.toSet());
        if (cors.isEmpty()) {
            throw new IllegalStateException(
                    "WireMock's admin API has no CORS filter to remove: this WireMock is not the one"
                            + " the stub server was written for (3.13)");
        }
        servlets.setFilterMappings(Arrays.stream(servlets.getFilterMappings())
                .filter(mapping -> !cors.contains(mapping.getFilterName()))
                .toArray(FilterMapping[]::new));
        servlets.setFilters(Arrays.stream(servlets.getFilters())
                .filter(holder -> !cors.contains(holder.getName()))
                .toArray(FilterHolder[]::new));
        admin.addFilter(
                new FilterHolder(new AdminGuard(AdminAccess.forBindAddress(options.bindAddress()), options.notifier())),
                "/*",
                EnumSet.of(DispatcherType.REQUEST));
        admin.addFilter(new FilterHolder(new RequestBodyLimit()), "/*", EnumSet.of(DispatcherType.REQUEST));
    }

    @Override
    protected void decorateMockServiceContextAfterConfig(ServletContextHandler stubs) {
        stubs.addFilter(new FilterHolder(new RequestBodyLimit()), "/*", EnumSet.of(DispatcherType.REQUEST));
    }
}
