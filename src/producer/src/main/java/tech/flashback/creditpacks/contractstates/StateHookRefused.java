package tech.flashback.creditpacks.contractstates;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Says why the state hook asked for is not there, rather than leaving a verifier to find a 404. */
@Component
@Profile(ContractStatesController.PROFILE)
@Conditional(StateHookRefused.Refused.class)
class StateHookRefused {

    private static final Logger log = LoggerFactory.getLogger(StateHookRefused.class);

    StateHookRefused() {
        log.warn("Contract state hook off: profile {} is active on a database that is not the embedded one, whose"
                + " catalog the hook would delete and rewrite; set {}=true to allow it on this database",
                ContractStatesController.PROFILE, StateHookAllowed.REAL_STORE);
    }

    /** The hook's condition, reversed. */
    static class Refused extends StateHookAllowed {

        @Override
        public boolean matches(org.springframework.context.annotation.ConditionContext context,
                org.springframework.core.type.AnnotatedTypeMetadata metadata) {
            return !super.matches(context, metadata);
        }
    }
}
