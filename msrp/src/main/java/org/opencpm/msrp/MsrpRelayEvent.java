package org.opencpm.msrp;

import java.util.List;

/** What an {@link MsrpRelay} tells its owner. */
public sealed interface MsrpRelayEvent {

    /** A leg is connected. */
    record LegConnected(RelayLeg leg) implements MsrpRelayEvent {
    }

    /**
     * A leg lost its connection or failed setup (AMB-01); {@code undelivered} are the messages sent on that leg
     * and not acknowledged, for deferral. The other leg stays open: the owner decides (PF-T-DEF-04).
     */
    record LegLost(RelayLeg leg, LossCause cause, String detail, List<OutgoingMessage> undelivered)
            implements MsrpRelayEvent {
    }

    /** A message could not be sent on {@code leg}: refused by the peer ({@code code}) or the leg is closed (0). */
    record Undeliverable(RelayLeg leg, OutgoingMessage message, int code, String comment) implements MsrpRelayEvent {
    }

    /** A leg was closed by {@link MsrpRelay#close()} or {@link MsrpSession#close()}. */
    record LegClosed(RelayLeg leg, List<OutgoingMessage> undelivered) implements MsrpRelayEvent {
    }
}
