package org.opencpm.server.edge;

import java.util.List;
import org.opencpm.sip.message.SipUri;

/**
 * A change in a user's registration state, as the Participating Function learns it: from the
 * embedded registrar, or from a third-party REGISTER sent by an IMS core (3GPP TS 24.229 §5.4.1.7).
 */
public sealed interface RegistrationEvent {

    /** The address-of-record whose state changed. */
    SipUri aor();

    /** The contacts registered for the AoR after the change. */
    List<Binding> current();

    /** A contact was added (a client came online). */
    record Registered(SipUri aor, Binding binding, List<Binding> current) implements RegistrationEvent {
    }

    /** An existing contact refreshed its registration (its capabilities may have changed). */
    record Refreshed(SipUri aor, Binding binding, List<Binding> current) implements RegistrationEvent {
    }

    /** A contact went away: de-registered explicitly, or expired. */
    record Unregistered(SipUri aor, Binding binding, Cause cause, List<Binding> current) implements RegistrationEvent {
    }

    enum Cause { DEREGISTERED, EXPIRED, REPLACED }
}
