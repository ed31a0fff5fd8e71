package org.opencpm.sip.transport;

/** The layer above the transport (the transaction layer) implements this; called on the SIP owner thread. */
@FunctionalInterface
public interface InboundHandler {

    void onMessage(Inbound inbound);
}
