package org.opencpm.sip.transport.netty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.opencpm.sip.codec.SipDecoderConfig;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;

/**
 * The settings of a {@link NettySipTransport}: where it listens and the limits that keep a peer from
 * holding the server's memory or sockets. Build one with {@link #builder()}.
 *
 * <table>
 * <caption>Limits (the message-size limits are in {@link SipDecoderConfig})</caption>
 * <tr><th>setting</th><th>default</th><th>what happens beyond it</th></tr>
 * <tr><td>{@code listen}</td><td>{@code udp:127.0.0.1:5060}, {@code tcp:127.0.0.1:5060}</td>
 *     <td>port 0 picks a free port; {@link NettySipTransport#boundAddress} tells which</td></tr>
 * <tr><td>{@code tcpIdleTimeout}</td><td>300 s</td><td>a TCP connection with no bytes read or written
 *     for this long is closed</td></tr>
 * <tr><td>{@code tcpHeadTimeout}</td><td>10 s</td><td>a TCP connection that started a message and has
 *     not completed it (and no other message) within this time is closed (slowloris)</td></tr>
 * <tr><td>{@code maxTcpConnections}</td><td>10000</td><td>open TCP connections, inbound and outbound
 *     together; a connection accepted beyond it is closed at once, a send that needs a new connection
 *     fails</td></tr>
 * <tr><td>{@code connectTimeout}</td><td>5 s</td><td>an outbound TCP connect taking longer fails the
 *     messages queued for it</td></tr>
 * <tr><td>queued writes per connecting connection</td><td>256</td><td>further sends fail</td></tr>
 * </table>
 */
public record NettySipTransportConfig(List<Target> listen, SipDecoderConfig decoder, Duration tcpIdleTimeout,
        Duration tcpHeadTimeout, int maxTcpConnections, Duration connectTimeout) {

    public static final List<String> DEFAULT_LISTEN = List.of("udp:127.0.0.1:5060", "tcp:127.0.0.1:5060");

    public NettySipTransportConfig {
        listen = List.copyOf(listen);
        Objects.requireNonNull(decoder, "decoder");
        if (listen.isEmpty()) {
            throw new IllegalArgumentException("at least one listen address is needed");
        }
        for (Target t : listen) {
            if (t.transport() != Transport.UDP && t.transport() != Transport.TCP) {
                throw new IllegalArgumentException("transport not supported yet: " + t);
            }
        }
        positive(tcpIdleTimeout, "tcpIdleTimeout");
        positive(tcpHeadTimeout, "tcpHeadTimeout");
        positive(connectTimeout, "connectTimeout");
        if (maxTcpConnections < 1) {
            throw new IllegalArgumentException("maxTcpConnections must be at least 1, got " + maxTcpConnections);
        }
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    /** The defaults of the table above. */
    public static NettySipTransportConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link NettySipTransportConfig}; every setting starts at its default. */
    public static final class Builder {
        private List<Target> listen;
        private SipDecoderConfig decoder = SipDecoderConfig.DEFAULT;
        private Duration tcpIdleTimeout = Duration.ofSeconds(300);
        private Duration tcpHeadTimeout = Duration.ofSeconds(10);
        private int maxTcpConnections = 10_000;
        private Duration connectTimeout = Duration.ofSeconds(5);

        private Builder() {
        }

        /** Listen addresses as {@code udp:127.0.0.1:5060}, {@code tcp:[::1]:0} (see {@link Target#parse}). */
        public Builder listen(String... addresses) {
            List<Target> l = new ArrayList<>(addresses.length);
            for (String a : addresses) {
                l.add(Target.parse(a));
            }
            return listen(l);
        }

        public Builder listen(List<Target> addresses) {
            this.listen = List.copyOf(addresses);
            return this;
        }

        public Builder decoder(SipDecoderConfig d) {
            this.decoder = d;
            return this;
        }

        public Builder tcpIdleTimeout(Duration d) {
            this.tcpIdleTimeout = d;
            return this;
        }

        public Builder tcpHeadTimeout(Duration d) {
            this.tcpHeadTimeout = d;
            return this;
        }

        public Builder maxTcpConnections(int n) {
            this.maxTcpConnections = n;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public NettySipTransportConfig build() {
            List<Target> l = listen;
            if (l == null) {
                l = new ArrayList<>();
                for (String a : DEFAULT_LISTEN) {
                    l.add(Target.parse(a));
                }
            }
            return new NettySipTransportConfig(l, decoder, tcpIdleTimeout, tcpHeadTimeout, maxTcpConnections,
                    connectTimeout);
        }
    }
}
