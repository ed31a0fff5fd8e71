package org.opencpm.sip.transport;

/** A host (name, IPv4, or IPv6 reference in brackets) and a port, as in a Via sent-by. */
public record HostPort(String host, int port) {

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
