package org.opencpm.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole server configuration: an immutable tree of records, read once at start by
 * {@link ConfigLoader} and handed to each feature. {@link #defaults()} is what {@code ./opencpm server}
 * runs with when no file is given (design.md §3): domain example.com, SIP on udp and tcp
 * 127.0.0.1:5060, MSRP on tcp:127.0.0.1:2855, data under ./data, PF in B2BUA mode, profile CPM21,
 * conference factory sip:chat@example.com, embedded Message Store. Every key and default is listed
 * in {@code docs/configuration.md}.
 *
 * @param domain                the served domain
 * @param listen                SIP and MSRP listeners
 * @param dataDir               directory of the embedded durable stores
 * @param sip                   SIP timers and limits
 * @param edgeRegistrar         whether the embedded registrar and router run (false behind an IMS core)
 * @param core                  the IMS core every outgoing request goes to; set when {@code edgeRegistrar} is false
 * @param routes                static next hops for other domains
 * @param trustedPeers          network-side entities
 * @param participatingFunction PF policy
 * @param controllingFunction   CF settings
 * @param interworking          ISF location
 * @param messageStore          CPM Message Store
 * @param store                 retention of the durable stores
 * @param msrp                  MSRP relay settings
 * @param users                 per-user authorisation and preferences
 */
public record ServerConfig(String domain, ListenConfig listen, Path dataDir, SipConfig sip, boolean edgeRegistrar,
                           Optional<TransportAddress> core, List<Route> routes, List<HostPort> trustedPeers,
                           ParticipatingFunctionConfig participatingFunction,
                           ControllingFunctionConfig controllingFunction, InterworkingConfig interworking,
                           MessageStoreConfig messageStore, StoreConfig store, MsrpConfig msrp, UsersConfig users) {

    public ServerConfig {
        routes = List.copyOf(routes);
        trustedPeers = List.copyOf(trustedPeers);
    }

    /** The configuration with no file: every key at its default. */
    public static ServerConfig defaults() {
        return Defaults.VALUE;
    }

    /** The static route for {@code domain}, if any (compared without case). */
    public Optional<Route> routeFor(String domain) {
        return routes.stream().filter(r -> r.serves(domain)).findFirst();
    }

    /** Whether a request from {@code host}:{@code port} comes from a trusted network-side peer. */
    public boolean isTrustedPeer(String host, int port) {
        return trustedPeers.stream().anyMatch(p -> p.matches(host, port));
    }

    private static final class Defaults {
        static final ServerConfig VALUE = load();

        private static ServerConfig load() {
            try {
                return ConfigLoader.load("", "(defaults)");
            } catch (ConfigException e) {
                throw new IllegalStateException("the declared defaults do not load", e);
            }
        }
    }
}
