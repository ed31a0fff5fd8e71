package org.opencpm.server.config;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A trusted network-side peer, written {@code HOST:PORT} or {@code HOST} (any port: a peer that connects
 * over TCP uses an ephemeral source port). IPv6 hosts are written in brackets and kept without them.
 */
public record HostPort(String host, OptionalInt port) {

    public HostPort {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
    }

    /** Whether a request whose source is {@code sourceHost}:{@code sourcePort} comes from this peer. */
    public boolean matches(String sourceHost, int sourcePort) {
        String h = sourceHost.startsWith("[") && sourceHost.endsWith("]")
                ? sourceHost.substring(1, sourceHost.length() - 1) : sourceHost;
        return host.toLowerCase(Locale.ROOT).equals(h.toLowerCase(Locale.ROOT))
                && (port.isEmpty() || port.getAsInt() == sourcePort);
    }

    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port.isPresent() ? h + ":" + port.getAsInt() : h;
    }
}
