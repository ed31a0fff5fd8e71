package org.opencpm.server.config.features;

import static org.opencpm.server.config.schema.ConfigKey.key;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.opencpm.server.config.HostPort;
import org.opencpm.server.config.ListenConfig;
import org.opencpm.server.config.Route;
import org.opencpm.server.config.SipConfig;
import org.opencpm.server.config.TransportAddress;
import org.opencpm.server.config.TransportAddress.Transport;
import org.opencpm.server.config.schema.ConfigDeclaration;
import org.opencpm.server.config.schema.ConfigKey;
import org.opencpm.server.config.schema.ConfigValues;
import org.opencpm.server.config.schema.ListType;
import org.opencpm.server.config.schema.ObjectType;
import org.opencpm.server.config.schema.ValueTypes;

/**
 * The server core: served domain, listeners, data directory, SIP stack limits, and how the server sits in
 * the SIP/IP core (embedded edge registrar, or behind an IMS core; static routes; trusted peers).
 */
public final class CoreDeclaration implements ConfigDeclaration<CoreDeclaration.Core> {

    /** The core's settings, spread into {@link org.opencpm.server.config.ServerConfig}. */
    public record Core(String domain, ListenConfig listen, Path dataDir, SipConfig sip, boolean edgeRegistrar,
                       Optional<TransportAddress> core, List<Route> routes, List<HostPort> trustedPeers) {
    }

    public static final CoreDeclaration INSTANCE = new CoreDeclaration();

    public static final ConfigKey<String> DOMAIN = key("domain", ValueTypes.domain())
            .defaultValue("example.com")
            .description("The domain served: its users are this server's served users.")
            .build();
    public static final ConfigKey<List<TransportAddress>> LISTEN_SIP = key("listen.sip",
            ListType.of(ValueTypes.transportAddress()))
            .defaultValue(List.of(TransportAddress.parse("udp:127.0.0.1:5060"), TransportAddress.parse("tcp:127.0.0.1:5060")))
            .check(l -> !l.isEmpty(), "at least one address")
            .check(l -> new HashSet<>(l).size() == l.size(), "no address listed twice")
            .description("SIP listeners. A single address may be written without the list brackets.")
            .build();
    public static final ConfigKey<TransportAddress> LISTEN_MSRP = key("listen.msrp",
            ValueTypes.transportAddress(EnumSet.of(Transport.TCP, Transport.TLS), 2855))
            .defaultValue(TransportAddress.parse("tcp:127.0.0.1:2855"))
            .description("MSRP listener of the relay (B2BUA mode). Only tcp and tls.")
            .build();
    public static final ConfigKey<Path> DATA_DIR = key("data-dir", ValueTypes.path())
            .defaultValue(Path.of("./data"))
            .description("Directory of the embedded durable stores (deferred messages, IMDN cache, embedded "
                    + "Message Store); relative to the working directory. Created if missing.")
            .build();
    public static final ConfigKey<Boolean> EDGE_REGISTRAR = key("edge-registrar", ValueTypes.bool())
            .defaultValue(true)
            .description("Run the embedded registrar and router. false: an IMS core (e.g. Kamailio) registers "
                    + "the clients, sends third-party REGISTER, and `core` must be set.")
            .build();
    public static final ConfigKey<TransportAddress> CORE = key("core", ValueTypes.transportAddress())
            .optional()
            .description("The IMS core (S-CSCF) to which every request the server originates or forwards is "
                    + "sent. Required when `edge-registrar` is false.")
            .build();
    public static final ConfigKey<String> ROUTE_DOMAIN = key("domain", ValueTypes.domain())
            .required()
            .description("The domain whose requests take this route.")
            .build();
    public static final ConfigKey<TransportAddress> ROUTE_NEXT_HOP = key("next-hop", ValueTypes.transportAddress())
            .required()
            .description("Where those requests are sent.")
            .build();
    public static final ConfigKey<List<Route>> ROUTES = key("routes", ListType.of(ObjectType.of("route",
            List.of(ROUTE_DOMAIN, ROUTE_NEXT_HOP),
            v -> new Route(v.get(ROUTE_DOMAIN), v.get(ROUTE_NEXT_HOP)))))
            .defaultValue(List.of())
            .check(l -> l.stream().map(Route::domain).distinct().count() == l.size(), "each domain routed once")
            .description("Static next hops for other domains (other PFs, external CFs).")
            .build();
    public static final ConfigKey<List<HostPort>> TRUSTED_PEERS = key("trusted-peers", ListType.of(ValueTypes.hostPort()))
            .defaultValue(List.of())
            .description("Network-side entities (other PF, CF, IWF, ISF, core nodes): a request from one of them "
                    + "is network-side traffic. A host without a port matches any source port.")
            .build();
    public static final ConfigKey<Duration> SIP_T1 = key("sip.t1", ValueTypes.duration(false))
            .defaultValue(Duration.ofMillis(500))
            .check(d -> !d.isZero(), "more than zero")
            .description("RFC 3261 T1, the round-trip estimate: Timers A and E start at T1; B, F, H and J are 64·T1.")
            .build();
    public static final ConfigKey<Duration> SIP_T2 = key("sip.t2", ValueTypes.duration(false))
            .defaultValue(Duration.ofSeconds(4))
            .check(d -> !d.isZero(), "more than zero")
            .description("RFC 3261 T2, the cap on retransmission intervals. At least T1.")
            .build();
    public static final ConfigKey<Duration> SIP_T4 = key("sip.t4", ValueTypes.duration(false))
            .defaultValue(Duration.ofSeconds(5))
            .check(d -> !d.isZero(), "more than zero")
            .description("RFC 3261 T4, how long a message may stay in the network: Timers I and K.")
            .build();
    public static final ConfigKey<Long> SIP_MAX_MESSAGE_SIZE = key("sip.max-message-size",
            ValueTypes.size(1024, Integer.MAX_VALUE))
            .defaultValue(65535L)
            .description("Largest SIP message accepted (start line, headers and body), in bytes; a larger one "
                    + "is answered 513 or, on a stream, ends the connection.")
            .build();
    public static final ConfigKey<Duration> SIP_TCP_IDLE_TIMEOUT = key("sip.tcp-idle-timeout", ValueTypes.duration(false))
            .defaultValue(Duration.ofSeconds(300))
            .check(d -> !d.isZero(), "more than zero")
            .description("A SIP stream connection (TCP, TLS, WS) with no traffic for this long is closed.")
            .build();
    public static final ConfigKey<Duration> SIP_TCP_HEADER_TIMEOUT = key("sip.tcp-header-timeout",
            ValueTypes.duration(false))
            .defaultValue(Duration.ofSeconds(10))
            .check(d -> !d.isZero(), "more than zero")
            .description("A stream connection that has started a message and not completed it within this is "
                    + "closed (slowloris-style clients).")
            .build();

    private CoreDeclaration() {
    }

    @Override
    public String section() {
        return "";
    }

    @Override
    public String title() {
        return "Core: domain, listeners, SIP stack, routing";
    }

    @Override
    public String description() {
        return "Top-level keys. What the server serves and where it listens, the SIP transaction timers and "
                + "limits (`sip:`), and how it sits in the SIP/IP core: with its embedded edge registrar "
                + "(the default), or behind an IMS core (`edge-registrar: false` and `core`).";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(DOMAIN, LISTEN_SIP, LISTEN_MSRP, DATA_DIR, EDGE_REGISTRAR, CORE, ROUTES, TRUSTED_PEERS,
                SIP_T1, SIP_T2, SIP_T4, SIP_MAX_MESSAGE_SIZE, SIP_TCP_IDLE_TIMEOUT, SIP_TCP_HEADER_TIMEOUT);
    }

    @Override
    public void checkTogether(ConfigValues v) {
        if (v.allGood(EDGE_REGISTRAR, CORE) && !v.get(EDGE_REGISTRAR) && !v.isSet(CORE)) {
            v.reject(CORE, EDGE_REGISTRAR, "must be set when edge-registrar is false; expected the IMS core's "
                    + "transport address, such as udp:127.0.0.1:5060");
        }
        if (v.allGood(SIP_T1, SIP_T2) && v.get(SIP_T2).compareTo(v.get(SIP_T1)) < 0) {
            v.reject(SIP_T2, "is shorter than sip.t1; expected at least " + ValueTypes.renderDuration(v.get(SIP_T1)));
        }
    }

    @Override
    public Core build(ConfigValues v) {
        SipConfig sip = new SipConfig(v.get(SIP_T1), v.get(SIP_T2), v.get(SIP_T4),
                v.get(SIP_MAX_MESSAGE_SIZE).intValue(), v.get(SIP_TCP_IDLE_TIMEOUT), v.get(SIP_TCP_HEADER_TIMEOUT));
        return new Core(v.get(DOMAIN), new ListenConfig(v.get(LISTEN_SIP), v.get(LISTEN_MSRP)), v.get(DATA_DIR), sip,
                v.get(EDGE_REGISTRAR), v.find(CORE), v.get(ROUTES), v.get(TRUSTED_PEERS));
    }
}
