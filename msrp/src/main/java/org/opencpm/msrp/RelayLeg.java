package org.opencpm.msrp;

/** The two legs of an {@link MsrpRelay}: towards the served user's client, and towards the network. */
public enum RelayLeg {
    CLIENT,
    NETWORK;

    /** The other leg. */
    public RelayLeg other() {
        return this == CLIENT ? NETWORK : CLIENT;
    }
}
