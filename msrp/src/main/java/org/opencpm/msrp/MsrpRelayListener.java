package org.opencpm.msrp;

/** Receives {@link MsrpRelayEvent}s, on the relay's scheduler thread; must be quick and must not throw. */
@FunctionalInterface
public interface MsrpRelayListener {

    void onEvent(MsrpRelayEvent event);
}
