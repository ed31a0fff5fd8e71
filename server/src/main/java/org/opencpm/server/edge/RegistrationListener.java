package org.opencpm.server.edge;

/** Hears registration changes. Called on the SIP owner thread; must not block. */
@FunctionalInterface
public interface RegistrationListener {

    void onRegistrationEvent(RegistrationEvent event);
}
