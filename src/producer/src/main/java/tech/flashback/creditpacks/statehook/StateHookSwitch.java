package tech.flashback.creditpacks.statehook;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tech.flashback.creditpacks.packs.CreditPackCatalog;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the state hook on, or leaves it off, at start-up, under the profile
 * {@value StateHookController#PROFILE}. The hook deletes and rewrites the catalog and breaks
 * the store: on the embedded in-memory H2 that is a test fixture, on any other database it may be
 * someone's real data. Which database that is, is asked of a connection from the pool itself, not
 * read from {@code spring.datasource.url}: {@code spring.datasource.hikari.jdbc-url} or a
 * {@code DataSource} bean of the application's own connects elsewhere than that property says.
 * When off, {@code POST /_contract/states} is not mapped at all (the same 404 as without the
 * profile) and one WARN says why and how to allow it.
 */
@Component
@Profile(StateHookController.PROFILE)
class StateHookSwitch {

    private static final Logger log = LoggerFactory.getLogger(StateHookSwitch.class);

    /** The only database the hook may rewrite without being told: an H2 that lives and dies with this process. */
    static final String EMBEDDED = "jdbc:h2:mem:";

    /** Whether the hook serves, and why. */
    enum Verdict {
        ON_EMBEDDED_DATABASE(true),
        ON_REAL_STORE_ALLOWED(true),
        OFF_REAL_STORE(false),
        OFF_DATABASE_UNKNOWN(false);

        final boolean on;

        Verdict(boolean on) {
            this.on = on;
        }

        /** {@code jdbcUrl} is what the pool's connection reports, null when it could not be asked. */
        static Verdict of(String jdbcUrl, boolean realStoreAllowed) {
            if (jdbcUrl != null && jdbcUrl.startsWith(EMBEDDED)) {
                return ON_EMBEDDED_DATABASE;
            }
            if (realStoreAllowed) {
                return ON_REAL_STORE_ALLOWED;
            }
            return jdbcUrl == null ? OFF_DATABASE_UNKNOWN : OFF_REAL_STORE;
        }
    }

    /** What the pool's connection said about its database: its URL, or why there is none. */
    record Connected(String url, String unknownBecause) {

        static Connected to(DataSource dataSource) {
            try (Connection connection = dataSource.getConnection()) {
                return new Connected(connection.getMetaData().getURL(), "its driver does not tell its URL");
            } catch (SQLException | RuntimeException unreachable) {
                String message = String.valueOf(unreachable.getMessage());
                return new Connected(
                        null,
                        "no connection: " + (message.length() > 200 ? message.substring(0, 200) + "..." : message));
            }
        }

        /** The database for a log line, credentials left out. */
        String shown() {
            return url == null
                    ? "a database that could not be identified (" + unknownBecause + ")"
                    : withoutCredentials(url);
        }
    }

    StateHookSwitch(
            DataSource dataSource,
            CreditPackCatalog catalog,
            JsonMapper json,
            Environment environment,
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings)
            throws NoSuchMethodException {
        Connected database = Connected.to(dataSource);
        Verdict verdict = Verdict.of(
                database.url(), environment.getProperty(StateHookController.REAL_STORE, Boolean.class, false));
        if (!verdict.on) {
            log.warn(
                    "State hook off: profile {} is active, but this producer's database is {}, not the embedded"
                            + " in-memory H2 ({}...) whose catalog the hook may delete and rewrite; POST {} answers 404. To allow the"
                            + " hook on this database (one kept for contract verification, never production), set {}=true.",
                    StateHookController.PROFILE,
                    database.shown(),
                    EMBEDDED,
                    StateHookController.PATH,
                    StateHookController.REAL_STORE);
            return;
        }
        mappings.registerMapping(
                RequestMappingInfo.paths(StateHookController.PATH)
                        .methods(RequestMethod.POST)
                        .produces(MediaType.APPLICATION_JSON_VALUE)
                        .options(mappings.getBuilderConfiguration())
                        .build(),
                new StateHookController(new CatalogStates(dataSource, catalog), json),
                StateHookController.class.getMethod("change", HttpServletRequest.class));
        log.warn(
                "State hook on: POST {} lets any client rewrite the catalog or break its store (profile {}),"
                        + " on {}{}. For contract verification only; never enable it in production.",
                StateHookController.PATH,
                StateHookController.PROFILE,
                database.shown(),
                verdict == Verdict.ON_REAL_STORE_ALLOWED ? " (" + StateHookController.REAL_STORE + "=true)" : "");
    }

    /**
     * The database's location, fit for a log line: a URL's parameters (after {@code ?} or {@code ;})
     * and a {@code user:password@} may carry credentials, so neither is shown.
     */
    static String withoutCredentials(String url) {
        int parameters = url.length();
        for (char separator : new char[] {'?', ';'}) {
            int at = url.indexOf(separator);
            if (at >= 0 && at < parameters) {
                parameters = at;
            }
        }
        String location = url.substring(0, parameters);
        int at = location.lastIndexOf('@');
        if (at >= 0) {
            int slashes = location.indexOf("//");
            int from = slashes >= 0 && slashes < at ? slashes + 2 : location.indexOf(':', "jdbc:".length()) + 1;
            location = location.substring(0, from) + "***" + location.substring(at);
        }
        return location;
    }
}
