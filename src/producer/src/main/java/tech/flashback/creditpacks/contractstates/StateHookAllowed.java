package tech.flashback.creditpacks.contractstates;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The state hook deletes and rewrites the catalog and breaks the store: on the embedded in-memory
 * database that is a test fixture, on any other database (PostgreSQL, whatever the profiles say)
 * it may be someone's real data. So there the hook is on only when {@value #REAL_STORE} says so too.
 */
public class StateHookAllowed implements Condition {

    public static final String REAL_STORE = "credit-packs.contract-states.real-store";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return !onRealStore(context) || context.getEnvironment().getProperty(REAL_STORE, Boolean.class, false);
    }

    static boolean onRealStore(ConditionContext context) {
        return !context.getEnvironment().getProperty("spring.datasource.url", "").startsWith("jdbc:h2:mem:");
    }
}
