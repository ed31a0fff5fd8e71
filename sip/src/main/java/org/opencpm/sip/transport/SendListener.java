package org.opencpm.sip.transport;

/** Hears whether a message could be handed to the network. Called on the SIP owner thread. */
@FunctionalInterface
public interface SendListener {

    /** The message could not be sent: connection refused or lost, no route, encoding failure. */
    void onSendFailure(String reason);

    SendListener IGNORE = reason -> { };
}
