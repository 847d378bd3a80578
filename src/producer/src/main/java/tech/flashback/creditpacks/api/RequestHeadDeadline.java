package tech.flashback.creditpacks.api;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.Constants;
import org.apache.coyote.Request;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A deadline for a client to send its whole request head (request line and headers), counted
 * from its first byte. Tomcat bounds only each read ({@code server.tomcat.connection-timeout}),
 * so a client that sends one header line every few seconds holds its connection for as long as it
 * likes, and 8,192 of them (Tomcat's connection limit) locked every new client out. Here a
 * connection still sending its head after {@code credit-packs.http.request-head-timeout} is
 * closed, so such a client's slot comes back within that time.
 *
 * <p>Tomcat has no setting for this, so the connector's protocol is this subclass, which looks over
 * its open connections a few times per deadline. What it reads of Tomcat (a connection's current
 * processor, its request's stage and start time) is public API of Tomcat's coyote layer.
 */
@Configuration(proxyBeanMethods = false)
public class RequestHeadDeadline {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> requestHeadDeadlineProtocol(
            @Value("${credit-packs.http.request-head-timeout:10s}") Duration deadline) {
        return factory -> {
            factory.setProtocol(Protocol.class.getName());
            factory.addConnectorCustomizers(
                    connector -> ((Protocol) connector.getProtocolHandler()).setRequestHeadTimeout(deadline));
        };
    }

    /** Tomcat's NIO HTTP/1.1 protocol, closing connections whose request head is overdue. */
    public static class Protocol extends Http11NioProtocol {

        private volatile long deadlineNanos = Duration.ofSeconds(10).toNanos();
        private ScheduledExecutorService watchdog;

        public void setRequestHeadTimeout(Duration deadline) {
            this.deadlineNanos = deadline.toNanos();
        }

        @Override
        public void start() throws Exception {
            super.start();
            watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "request-head-deadline");
                thread.setDaemon(true);
                return thread;
            });
            long period = Math.max(TimeUnit.NANOSECONDS.toMillis(deadlineNanos) / 4, 50);
            watchdog.scheduleWithFixedDelay(this::closeOverdueHeads, period, period, TimeUnit.MILLISECONDS);
        }

        @Override
        public void stop() throws Exception {
            if (watchdog != null) {
                watchdog.shutdownNow();
            }
            super.stop();
        }

        private void closeOverdueHeads() {
            long now = System.nanoTime();
            for (SocketWrapperBase<NioChannel> connection : getEndpoint().getConnections()) {
                if (connection.getCurrentProcessor() instanceof AbstractProcessor processor
                        && !processor.isAsync()
                        && headOverdue(processor.getRequest(), now)) {
                    connection.close();
                }
            }
        }

        /**
         * Still reading a request head whose first byte came more than the deadline ago. Tomcat marks
         * a request's start at its first byte and clears it once the request is done; while it
         * waits for the rest of a head, the processor stays with the connection in the stage it
         * reached (parse or keep-alive while a thread reads, ended between reads). A request
         * being served is in a later stage, so it is never cut short.
         */
        private boolean headOverdue(Request request, long now) {
            int stage = request.getRequestProcessor().getStage();
            long started = request.getStartTimeNanos();
            boolean readingHead = stage == Constants.STAGE_PARSE
                    || stage == Constants.STAGE_KEEPALIVE
                    || stage == Constants.STAGE_ENDED;
            return readingHead && started != -1 && now - started > deadlineNanos;
        }
    }
}
