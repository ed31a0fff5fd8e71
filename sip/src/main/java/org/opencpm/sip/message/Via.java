package org.opencpm.sip.message;

import java.util.Locale;
import org.opencpm.sip.internal.grammar.Chars;
import org.opencpm.sip.internal.grammar.Scanner;

/**
 * One Via header value (RFC 3261 §20.42, §18.2.1, RFC 3581):
 * {@code SIP/2.0/UDP host[:port];branch=z9hG4bK...;received=...;rport[=port]}.
 */
public final class Via {

    /** The branch prefix of RFC 3261 §8.1.1.7, the "magic cookie". */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    private final String protocol;
    private final String transport;
    private final String host;
    private final int port;
    private final Parameters params;

    public Via(String transport, String host, int port, Parameters params) {
        this("SIP/2.0", transport, host, port, params);
    }

    private Via(String protocol, String transport, String host, int port, Parameters params) {
        this.protocol = protocol;
        this.transport = transport.toUpperCase(Locale.ROOT);
        this.host = host;
        this.port = port;
        this.params = params;
    }

    /** Parses one via-parm (an element of a comma-separated Via value). */
    public static Via parse(String text) {
        Scanner sc = new Scanner(text, "Via");
        sc.skipLws();
        String protocol;
        String transport;
        String known = text.startsWith("SIP/2.0/", sc.position()) ? knownTransport(text, sc.position() + 8) : null;
        if (known != null) {
            // The usual "SIP/2.0/UDP ": no substrings for the protocol and transport.
            protocol = "SIP/2.0";
            transport = known;
            sc.position(sc.position() + 8 + known.length());
        } else {
            String name = sc.token();
            sc.expectSeparator('/');
            String version = sc.token();
            sc.expectSeparator('/');
            transport = sc.token();
            protocol = name.equals("SIP") && version.equals("2.0") ? "SIP/2.0" : name + "/" + version;
        }
        if (!sc.atEnd() && !Chars.isWsp(sc.peek())) {
            throw sc.fail("expected white space after transport");
        }
        sc.skipLws();
        int hostStart = sc.position();
        String host;
        if (sc.peek() == '[') {
            host = sc.until("]") + "]";
            sc.expect(']');
        } else {
            host = sc.until(":; \t,");
        }
        if (host.isEmpty() || host.equals("]")) {
            throw new SipParseException("Bad Via: missing host", hostStart);
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(Chars.isAlpha(c) || Chars.isDigit(c) || c == '-' || c == '.' || c == '_' || c == ':' || c == '[' || c == ']')) {
                throw new SipParseException("Bad Via: illegal character in host", hostStart + i);
            }
        }
        int port = -1;
        if (sc.acceptSeparator(':')) {
            long p = sc.digits(5);
            if (p > 65535) {
                throw sc.fail("port out of range");
            }
            port = (int) p;
        }
        Parameters params = Parameters.parse(sc, true);
        sc.skipLws();
        if (sc.peek() == '(') {
            // RFC 3261 allows a comment after via-parm; it carries no meaning.
            sc.until(")");
            sc.expect(')');
            sc.skipLws();
        }
        if (!sc.atEnd()) {
            throw sc.fail("unexpected '" + (char) sc.peek() + "'");
        }
        return new Via(protocol, transport, host, port, params);
    }

    private static final String[] TRANSPORTS = {"UDP", "TCP", "TLS", "WSS", "WS", "SCTP"};

    /** The upper-case transport constant written at {@code p} and followed by white space, or null. */
    private static String knownTransport(String text, int p) {
        for (String t : TRANSPORTS) {
            int end = p + t.length();
            if (text.startsWith(t, p) && end < text.length() && Chars.isWsp(text.charAt(end))) {
                return t;
            }
        }
        return null;
    }

    public String protocol() {
        return protocol;
    }

    /** "UDP", "TCP", "TLS", "WS", "WSS", "SCTP", upper case. */
    public String transport() {
        return transport;
    }

    public String host() {
        return host;
    }

    /** The sent-by port, or -1. */
    public int port() {
        return port;
    }

    public Parameters params() {
        return params;
    }

    public String branch() {
        return params.get("branch").orElse(null);
    }

    public String received() {
        return params.get("received").orElse(null);
    }

    /** True if the rport parameter is present (with or without a value). */
    public boolean hasRport() {
        return params.has("rport");
    }

    /** The rport value, or -1 if absent or empty. */
    public int rport() {
        String v = params.get("rport").orElse(null);
        if (v == null || v.isEmpty()) {
            return -1;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** True if the branch starts with the RFC 3261 magic cookie. */
    public boolean isRfc3261Branch() {
        String b = branch();
        return b != null && b.startsWith(MAGIC_COOKIE);
    }

    public Via withParam(String name, String rawValue) {
        return new Via(protocol, transport, host, port, params.with(name, rawValue));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64).append(protocol).append('/').append(transport).append(' ').append(host);
        if (port >= 0) {
            sb.append(':').append(port);
        }
        params.appendTo(sb);
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Via v && v.toString().equalsIgnoreCase(toString());
    }

    @Override
    public int hashCode() {
        return toString().toLowerCase(Locale.ROOT).hashCode();
    }
}
