package org.opencpm.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import org.opencpm.server.config.internal.Syntax;

/**
 * A trusted network-side peer, written {@code HOST:PORT} or {@code HOST} (any port: a peer that connects
 * over TCP uses an ephemeral source port). IPv6 hosts are written in brackets and kept without them.
 */
public record HostPort(String host, OptionalInt port) {

    public HostPort {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
    }

    /**
     * Whether a request whose source is {@code sourceHost}:{@code sourcePort} comes from this peer. IP
     * addresses compare by value ({@code ::1} matches {@code 0:0:0:0:0:0:0:1}, as Java prints it); host
     * names compare without case and are never resolved.
     */
    public boolean matches(String sourceHost, int sourcePort) {
        String h = sourceHost.startsWith("[") && sourceHost.endsWith("]")
                ? sourceHost.substring(1, sourceHost.length() - 1) : sourceHost;
        return canonical(host).equals(canonical(h)) && (port.isEmpty() || port.getAsInt() == sourcePort);
    }

    private static String canonical(String host) {
        if (Syntax.isIpv4(host) || Syntax.isIpv6(host)) {
            try {
                // A literal: InetAddress parses it without any name look-up.
                return InetAddress.getByName(host).getHostAddress();
            } catch (UnknownHostException e) {
                return host;
            }
        }
        return host.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port.isPresent() ? h + ":" + port.getAsInt() : h;
    }
}
