package org.opencpm.sip.sim;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Predicate;
import org.opencpm.sip.message.SipMessage;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.transport.Transport;

/**
 * One message put on the {@link SimNetwork}: when, over which transport, from where to where, and
 * what became of it ({@code fault} names the fault that hit it, null if it was delivered plainly).
 * The network's {@link SimNetwork#trace() trace} lists every packet, so tests can assert the exact
 * instants of retransmissions.
 *
 * @param at      virtual time of sending
 * @param message the message as sent (the receiver re-parses {@code bytes})
 * @param bytes   the wire form
 */
public record SimPacket(Duration at, Transport transport, InetSocketAddress from, InetSocketAddress to,
                        SipMessage message, byte[] bytes, String fault) {

    /** True for a request of this method. */
    public boolean isRequest(String method) {
        return message instanceof SipRequest r && r.isMethod(method);
    }

    /** True for a response with this status (to any method). */
    public boolean isResponse(int status) {
        return message instanceof SipResponse r && r.status() == status;
    }

    SimPacket withFault(String name) {
        return new SimPacket(at, transport, from, to, message, bytes, name);
    }

    /** Matches requests of {@code method}. */
    public static Predicate<SimPacket> request(String method) {
        return p -> p.isRequest(method);
    }

    /** Matches responses with {@code status}. */
    public static Predicate<SimPacket> response(int status) {
        return p -> p.isResponse(status);
    }

    /** Matches every packet. */
    public static Predicate<SimPacket> any() {
        return p -> true;
    }

    @Override
    public String toString() {
        String what = message instanceof SipRequest r ? r.method() : String.valueOf(((SipResponse) message).status());
        return at.toMillis() + "ms " + transport + " " + from + " -> " + to + " " + what + (fault == null ? "" : " [" + fault + "]");
    }
}
