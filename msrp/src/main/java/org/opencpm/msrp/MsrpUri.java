package org.opencpm.msrp;

import java.util.Locale;
import java.util.Objects;
import org.opencpm.msrp.internal.grammar.UriGrammar;

/**
 * An MSRP URI (RFC 4975 §6): {@code msrp://host:port/session-id;tcp}, or {@code msrps://…} over TLS.
 *
 * <p>{@link #equals} follows the comparison rules of RFC 4975 §6.1: scheme, host and transport compare
 * case-insensitively, an absent port equals {@value #DEFAULT_PORT}, the session-id compares
 * case-sensitively, and userinfo and URI parameters are not compared. IPv6 literals compare by address,
 * so {@code [2001:DB8::1]} equals {@code [2001:db8:0:0:0:0:0:1]}. Use {@link #parse(String)} to read one
 * from a header or SDP {@code a=path} attribute and {@link #toString()} to write it.
 */
public final class MsrpUri {

    /** The port an MSRP URI without a port refers to (RFC 4975 §15.5). */
    public static final int DEFAULT_PORT = 2855;

    private final boolean secure;
    private final String userInfo;
    private final String host;
    private final int port;
    private final String sessionId;
    private final String transport;
    private final String parameters;
    private final String comparableHost;
    /** Computed once: URIs are map keys on every routed message (RFC 4975 §6.1 rules, as in {@link #equals}). */
    private final int hash;

    /**
     * @param secure     true for {@code msrps}
     * @param userInfo   the userinfo before {@code @}, or {@code null}
     * @param host       a host name, IPv4 address or IPv6 literal in brackets
     * @param port       the port, or -1 if the URI has none
     * @param sessionId  the session-id, or {@code null} if the URI has none (a relay URI)
     * @param transport  {@code tcp} or another transport token
     * @param parameters further {@code ;name=value} parameters as written (without the leading {@code ;}), or ""
     */
    public MsrpUri(boolean secure, String userInfo, String host, int port, String sessionId, String transport,
                   String parameters) {
        this.secure = secure;
        this.userInfo = userInfo;
        this.host = Objects.requireNonNull(host, "host");
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
        this.sessionId = sessionId;
        this.transport = Objects.requireNonNull(transport, "transport");
        this.parameters = parameters == null ? "" : parameters;
        this.comparableHost = UriGrammar.comparableHost(host);
        int h = Boolean.hashCode(secure);
        h = 31 * h + comparableHost.hashCode();
        h = 31 * h + effectivePort();
        h = 31 * h + (sessionId == null ? 0 : sessionId.hashCode());
        this.hash = 31 * h + transport.toLowerCase(Locale.ROOT).hashCode();
    }

    /** A URI for an endpoint of a TCP session. */
    public static MsrpUri of(String host, int port, String sessionId) {
        return new MsrpUri(false, null, host, port, sessionId, "tcp", "");
    }

    /**
     * Parses an MSRP URI.
     *
     * @throws MsrpParseException.InvalidHeader if {@code text} is not an MSRP-URI of RFC 4975 §9
     */
    public static MsrpUri parse(String text) {
        return UriGrammar.parse(text);
    }

    public boolean secure() {
        return secure;
    }

    public String userInfo() {
        return userInfo;
    }

    public String host() {
        return host;
    }

    /** The port as written, or -1. */
    public int port() {
        return port;
    }

    /** The port, {@value #DEFAULT_PORT} if the URI has none. */
    public int effectivePort() {
        return port == -1 ? DEFAULT_PORT : port;
    }

    /** The session-id, or {@code null}. */
    public String sessionId() {
        return sessionId;
    }

    public String transport() {
        return transport;
    }

    public String parameters() {
        return parameters;
    }

    /** The host and port a connection to this URI goes to; "host:port" in lower case, IPv6 in brackets. */
    public String authorityKey() {
        return (secure ? "msrps:" : "msrp:") + comparableHost + ":" + effectivePort();
    }

    /** The same URI with another session-id. */
    public MsrpUri withSessionId(String newSessionId) {
        return new MsrpUri(secure, userInfo, host, port, newSessionId, transport, parameters);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MsrpUri)) {
            return false;
        }
        MsrpUri other = (MsrpUri) o;
        return hash == other.hash && secure == other.secure
                && comparableHost.equals(other.comparableHost)
                && effectivePort() == other.effectivePort()
                && Objects.equals(sessionId, other.sessionId)
                && transport.equalsIgnoreCase(other.transport);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64).append(secure ? "msrps://" : "msrp://");
        if (userInfo != null) {
            sb.append(userInfo).append('@');
        }
        sb.append(host);
        if (port != -1) {
            sb.append(':').append(port);
        }
        if (sessionId != null) {
            sb.append('/').append(sessionId);
        }
        sb.append(';').append(transport);
        if (!parameters.isEmpty()) {
            sb.append(';').append(parameters);
        }
        return sb.toString();
    }
}
