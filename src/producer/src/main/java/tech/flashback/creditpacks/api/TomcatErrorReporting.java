package tech.flashback.creditpacks.api;

import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Installs {@link JsonErrorReportValve} in place of Tomcat's HTML error page. Tomcat adds its
 * error valve when the host starts, so the valve class must be set on the host before that; the
 * factory's last step before starting Tomcat is the one place Boot offers with the host in hand.
 * Boot's own customizers (server.* properties) still apply to this factory.
 */
@Configuration(proxyBeanMethods = false)
public class TomcatErrorReporting {

    @Bean
    TomcatServletWebServerFactory tomcatServletWebServerFactory() {
        return new TomcatServletWebServerFactory() {
            @Override
            protected TomcatWebServer getTomcatWebServer(Tomcat tomcat) {
                ((StandardHost) tomcat.getHost()).setErrorReportValveClass(JsonErrorReportValve.class.getName());
                return super.getTomcatWebServer(tomcat);
            }
        };
    }
}
