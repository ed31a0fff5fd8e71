package org.opencpm.server.edge;

import java.util.Objects;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.Parameters;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.transport.Flow;

/**
 * One registered contact of an address-of-record (RFC 3261 §10, RFC 5626 §6): the Contact as
 * registered (its URI and feature-tag parameters, RFC 3840), the device's {@code +sip.instance}
 * and {@code reg-id} if any, when it expires, and the flow the REGISTER came on (so that requests to
 * a client behind a TCP connection reuse that connection).
 *
 * @param expiresAtNanos expiry on the location service's clock ({@code Clock.nanoTime()})
 */
public record Binding(SipUri aor, Address contact, String instanceId, String regId, long expiresAtNanos,
                      String callId, long cseq, Flow flow) {

    public Binding {
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(contact, "contact");
    }

    /** The contact's URI (a registered contact is always a SIP URI). */
    public SipUri contactUri() {
        return contact.sipUri();
    }

    /** The Contact parameters: feature tags such as {@code +g.3gpp.icsi-ref}, {@code +sip.instance}, {@code expires}, {@code q}. */
    public Parameters featureTags() {
        return contact.params();
    }

    /**
     * True if {@code other} denotes the same binding: the same instance and reg-id where an instance is
     * given (RFC 5626 §6), else the equivalent contact URI (RFC 3261 §10.3 step 7).
     */
    public boolean sameBindingAs(Address otherContact, String otherInstance, String otherRegId) {
        if (instanceId != null || otherInstance != null) {
            return Objects.equals(instanceId, otherInstance) && Objects.equals(regId, otherRegId);
        }
        SipUri mine = contactUri();
        SipUri theirs = otherContact.sipUri();
        return mine != null && theirs != null && mine.equivalent(theirs);
    }

    /** Remaining lifetime in whole seconds at {@code nowNanos}. */
    public long remainingSeconds(long nowNanos) {
        return Math.max(0, (expiresAtNanos - nowNanos + 999_999_999L) / 1_000_000_000L);
    }
}
