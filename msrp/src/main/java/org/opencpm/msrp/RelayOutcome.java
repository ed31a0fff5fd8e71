package org.opencpm.msrp;

import java.util.Objects;

/** What an {@link MsrpRelayHook} decided for one message. */
public sealed interface RelayOutcome {

    /** Send {@code message} (the original, or a rewritten one) on the other leg. */
    record Forward(IncomingMessage message) implements RelayOutcome {
        public Forward {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Do not pass the message on; {@code reason} is logged. */
    record Drop(String reason) implements RelayOutcome {
    }

    /** The hook took the message (stored it, e.g. for deferral); the relay does nothing more. */
    record Consume() implements RelayOutcome {
    }
}
