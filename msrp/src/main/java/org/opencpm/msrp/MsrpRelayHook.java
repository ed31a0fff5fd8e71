package org.opencpm.msrp;

/**
 * Sees every whole message crossing an {@link MsrpRelay}, exactly once, before it is sent on; the place
 * where a Participating Function inspects CPIM/IMDN, rewrites or stores.
 *
 * <p>Called on the relay's scheduler thread; it must not block. An exception drops the message and is logged.
 */
@FunctionalInterface
public interface MsrpRelayHook {

    /** A hook that forwards everything unchanged. */
    MsrpRelayHook FORWARD_ALL = (from, message) -> new RelayOutcome.Forward(message);

    RelayOutcome intercept(RelayLeg from, IncomingMessage message);
}
