package tech.flashback.creditpacks.gate;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.util.ArrayList;
import java.util.List;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import tech.flashback.creditpacks.contract.RemoteProducerBase;

/**
 * Runs the generated remote contract suite ({@code -Pverify-remote}) in this JVM against a
 * producer URL and returns what happened to each contract, so tests can assert pass and fail.
 */
final class RemoteSuite {

    /** One contract's outcome: PASSED, FAILED (with the message a producer team reads) or NOT_RUN. */
    record Outcome(String contract, String status, String message) {
    }

    private RemoteSuite() {
    }

    static synchronized List<Outcome> runAgainst(String producerUrl) {
        String previous = System.getProperty(RemoteProducerBase.PRODUCER_URL);
        System.setProperty(RemoteProducerBase.PRODUCER_URL, producerUrl);
        try {
            List<Outcome> outcomes = new ArrayList<>();
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectPackage("tech.flashback.creditpacks.remote")).build();
            LauncherFactory.create().execute(request, new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                    if (test.isTest()) {
                        outcomes.add(outcome(test, result));
                    }
                }
            });
            return outcomes;
        } finally {
            if (previous == null) {
                System.clearProperty(RemoteProducerBase.PRODUCER_URL);
            } else {
                System.setProperty(RemoteProducerBase.PRODUCER_URL, previous);
            }
        }
    }

    private static Outcome outcome(TestIdentifier test, TestExecutionResult result) {
        String contract = test.getDisplayName().replaceFirst("^validate_", "").replaceFirst("\\(\\)$", "");
        String message = result.getThrowable().map(Throwable::getMessage).orElse("");
        return switch (result.getStatus()) {
            case SUCCESSFUL -> new Outcome(contract, "PASSED", message);
            case ABORTED -> new Outcome(contract, "NOT_RUN", message);
            case FAILED -> new Outcome(contract, "FAILED", message);
        };
    }
}
