package org.opencpm.sip.transaction.internal;

import org.opencpm.sip.message.SipMessage;
import org.opencpm.sip.transport.Flow;
import org.opencpm.sip.transport.SendListener;
import org.opencpm.sip.transport.SipTransportLayer;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;

/** Where a client transaction sends its request, retransmissions, ACK and CANCEL: a target or a known flow. */
public sealed interface Destination {

    Transport transport();

    /** The target, or the flow's target. */
    Target target();

    void send(SipTransportLayer transport, SipMessage message, SendListener listener);

    default boolean isReliable() {
        return transport().isReliable();
    }

    /** A target reached over a new or reused connection. */
    record ToTarget(Target target) implements Destination {
        @Override
        public Transport transport() {
            return target.transport();
        }

        @Override
        public void send(SipTransportLayer transport, SipMessage message, SendListener listener) {
            transport.send(message, target, listener);
        }
    }

    /** A known flow, such as a registered contact's connection (RFC 5626 §5.3). */
    record ToFlow(Flow flow) implements Destination {
        @Override
        public Transport transport() {
            return flow.transport();
        }

        @Override
        public Target target() {
            return flow.target();
        }

        @Override
        public void send(SipTransportLayer transport, SipMessage message, SendListener listener) {
            transport.send(message, flow, listener);
        }
    }
}
