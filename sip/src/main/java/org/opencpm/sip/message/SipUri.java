package org.opencpm.sip.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import org.opencpm.sip.internal.grammar.Chars;
import org.opencpm.sip.internal.grammar.Scanner;

/**
 * A SIP or SIPS URI (RFC 3261 §19.1):
 * {@code sip:user:password@host:port;uri-parameters?headers}.
 *
 * <p>User and password are kept as written (escaped); {@link #user()} returns them unescaped.
 * {@link #port()} is -1 when the URI names no port, which RFC 3261 §19.1.4 distinguishes from an
 * explicit 5060. {@link #equals} is structural; {@link #equivalent} implements the comparison
 * rules of §19.1.4.
 */
public final class SipUri implements Uri {

    private final boolean secure;
    private final String rawUser;
    private final String rawPassword;
    private final String host;
    private final int port;
    private final Parameters params;
    private final String headers;
    /** The wire form, built on first use (racy single-check: the value is immutable). */
    private String text;

    private SipUri(boolean secure, String rawUser, String rawPassword, String host, int port,
                   Parameters params, String headers) {
        this.secure = secure;
        this.rawUser = rawUser;
        this.rawPassword = rawPassword;
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.params = params;
        this.headers = headers;
    }

    /** {@code sip:user@host}; user may be null. */
    public static SipUri of(String user, String host) {
        return new SipUri(false, user == null ? null : escapeUser(user), null, host, -1, Parameters.EMPTY, null);
    }

    public static SipUri of(String user, String host, int port) {
        return new SipUri(false, user == null ? null : escapeUser(user), null, host, port, Parameters.EMPTY, null);
    }

    /**
     * Parses a SIP or SIPS URI.
     *
     * @throws SipParseException naming the fault
     */
    public static SipUri parse(String text) {
        boolean secure;
        int p;
        if (text.startsWith("sip:")) {
            secure = false;
            p = 4;
        } else if (text.regionMatches(true, 0, "sips:", 0, 5)) {
            secure = true;
            p = 5;
        } else if (text.regionMatches(true, 0, "sip:", 0, 4)) {
            secure = false;
            p = 4;
        } else {
            throw new SipParseException("Bad SIP URI: scheme", 0);
        }
        String user = null;
        String password = null;
        int at = text.indexOf('@', p);
        if (at >= 0) {
            String userinfo = text.substring(p, at);
            int colon = userinfo.indexOf(':');
            user = colon >= 0 ? userinfo.substring(0, colon) : userinfo;
            password = colon >= 0 ? userinfo.substring(colon + 1) : null;
            checkChars(user, "&=+$,;?/", "user", p);
            if (user.isEmpty()) {
                throw new SipParseException("Bad SIP URI: empty user", p);
            }
            if (password != null) {
                checkChars(password, "&=+$,", "password", p + colon + 1);
            }
            p = at + 1;
        }
        Scanner sc = new Scanner(text, "SIP URI");
        sc.position(p);
        String host = host(sc);
        int port = -1;
        boolean plainPort = true;
        if (sc.accept(':')) {
            plainPort = sc.peek() != '0' || sc.peek(1) < '0' || sc.peek(1) > '9';
            long v = sc.digits(5);
            if (v > 65535) {
                throw sc.fail("port out of range");
            }
            port = (int) v;
        }
        Parameters params = Parameters.parse(sc, false);
        String headers = null;
        if (sc.accept('?')) {
            headers = sc.rest();
            checkChars(headers, "[]/?:+$=&", "headers", sc.position());
        }
        if (!sc.atEnd()) {
            throw sc.fail("illegal character '" + (char) sc.peek() + "'");
        }
        SipUri u = new SipUri(secure, user, password, host, port, params, headers);
        if (plainPort && text.startsWith(secure ? "sips:" : "sip:")) {
            // The text is exactly what toString() would write: keep it instead of rebuilding it.
            u.text = text;
        }
        return u;
    }

    // host = hostname / IPv4address / IPv6reference
    private static String host(Scanner sc) {
        String in = sc.input();
        int start = sc.position();
        if (sc.accept('[')) {
            int p = sc.position();
            while (p < in.length() && (Chars.isHex(in.charAt(p)) || in.charAt(p) == ':' || in.charAt(p) == '.')) {
                p++;
            }
            sc.position(p);
            sc.expect(']');
            if (p - start < 3) {
                throw sc.fail("empty IPv6 reference");
            }
            return in.substring(start, sc.position());
        }
        int p = start;
        while (p < in.length()) {
            char c = in.charAt(p);
            if (Chars.isAlpha(c) || Chars.isDigit(c) || c == '-' || c == '.' || c == '_') {
                p++;
            } else {
                break;
            }
        }
        if (p == start) {
            throw sc.fail("missing host");
        }
        sc.position(p);
        return in.substring(start, p);
    }

    private static void checkChars(String s, String extra, String what, int offset) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || !Chars.isHex(s.charAt(i + 1)) || !Chars.isHex(s.charAt(i + 2))) {
                    throw new SipParseException("Bad SIP URI: bad escape in " + what, offset + i);
                }
                i += 2;
            } else if (!Chars.isUnreserved(c) && extra.indexOf(c) < 0) {
                throw new SipParseException("Bad SIP URI: illegal character in " + what, offset + i);
            }
        }
    }

    @Override
    public String scheme() {
        return secure ? "sips" : "sip";
    }

    public boolean isSecure() {
        return secure;
    }

    /** The user part, unescaped; null if the URI has none. */
    public String user() {
        return rawUser == null ? null : unescape(rawUser);
    }

    /** The user part as written. */
    public String rawUser() {
        return rawUser;
    }

    public String host() {
        return host;
    }

    /** The explicit port, or -1. */
    public int port() {
        return port;
    }

    /** The port to use: the explicit port, or 5061 for sips and 5060 for sip. */
    public int portOrDefault() {
        return port >= 0 ? port : (secure ? 5061 : 5060);
    }

    public Parameters params() {
        return params;
    }

    public String param(String name) {
        return params.get(name).orElse(null);
    }

    public boolean hasParam(String name) {
        return params.has(name);
    }

    /** The header part after '?', or null. */
    public String headers() {
        return headers;
    }

    /** {@code transport} parameter in lower case, or null. */
    public String transport() {
        String t = param("transport");
        return t == null ? null : t.toLowerCase(Locale.ROOT);
    }

    /** True if the URI carries the {@code lr} parameter (a loose router, RFC 3261 §16.12). */
    public boolean isLooseRouter() {
        return params.has("lr");
    }

    /** The address-of-record form: scheme, user and host only. */
    public SipUri aor() {
        return new SipUri(secure, rawUser, null, host.toLowerCase(Locale.ROOT), -1, Parameters.EMPTY, null);
    }

    public SipUri withParam(String name, String rawValue) {
        return new SipUri(secure, rawUser, rawPassword, host, port, params.with(name, rawValue), headers);
    }

    public SipUri withoutParam(String name) {
        return new SipUri(secure, rawUser, rawPassword, host, port, params.without(name), headers);
    }

    public SipUri withHostPort(String newHost, int newPort) {
        return new SipUri(secure, rawUser, rawPassword, newHost, newPort, params, headers);
    }

    public SipUri withoutHeaders() {
        return headers == null ? this : new SipUri(secure, rawUser, rawPassword, host, port, params, null);
    }

    /**
     * URI comparison of RFC 3261 §19.1.4: scheme, user and password case-sensitive after unescaping,
     * host case-insensitive, an explicit port never equal to an absent one; the user, ttl, method and
     * maddr parameters must match if either URI has them, other parameters only if both have them;
     * header components must all match.
     */
    public boolean equivalent(SipUri o) {
        if (secure != o.secure || port != o.port || !host.equalsIgnoreCase(o.host)) {
            return false;
        }
        if (!Objects.equals(user(), o.user()) || !Objects.equals(unescapeOrNull(rawPassword), unescapeOrNull(o.rawPassword))) {
            return false;
        }
        for (String name : new String[] {"user", "ttl", "method", "maddr", "transport"}) {
            String a = param(name);
            String b = o.param(name);
            boolean hasA = params.has(name);
            boolean hasB = o.params.has(name);
            if (hasA != hasB || (a != null && !a.equalsIgnoreCase(b))) {
                return false;
            }
        }
        for (Parameters.Param p : params.asList()) {
            if (o.params.has(p.name())) {
                String b = o.params.raw(p.name());
                if (!Objects.equals(unescapeOrNull(p.rawValue()) == null ? null : unescape(p.rawValue()).toLowerCase(Locale.ROOT),
                        b == null ? null : unescape(b).toLowerCase(Locale.ROOT))) {
                    return false;
                }
            }
        }
        return Objects.equals(headers == null ? null : unescape(headers), o.headers == null ? null : unescape(o.headers));
    }

    private static String unescapeOrNull(String s) {
        return s == null ? null : unescape(s);
    }

    /** Resolves %HH escapes (UTF-8). */
    public static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Chars.isHex(s.charAt(i + 1)) && Chars.isHex(s.charAt(i + 2))) {
                out.write(Integer.parseInt(s, i + 1, i + 3, 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Escapes a user part: keeps unreserved and user-unreserved characters except ';' '?', escapes the rest. */
    public static String escapeUser(String user) {
        StringBuilder sb = null;
        byte[] bytes = null;
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (Chars.isUnreserved(c) || "&=+$,/".indexOf(c) >= 0) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(user.length() + 8).append(user, 0, i);
            }
            bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return sb == null ? user : sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof SipUri u && secure == u.secure && port == u.port && host.equalsIgnoreCase(u.host)
                && Objects.equals(rawUser, u.rawUser) && Objects.equals(rawPassword, u.rawPassword)
                && params.equals(u.params) && Objects.equals(headers, u.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secure, rawUser, host.toLowerCase(Locale.ROOT), port);
    }

    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            text = t = format();
        }
        return t;
    }

    private String format() {
        StringBuilder sb = new StringBuilder(48);
        sb.append(secure ? "sips:" : "sip:");
        if (rawUser != null) {
            sb.append(rawUser);
            if (rawPassword != null) {
                sb.append(':').append(rawPassword);
            }
            sb.append('@');
        }
        sb.append(host);
        if (port >= 0) {
            sb.append(':').append(port);
        }
        params.appendTo(sb);
        if (headers != null) {
            sb.append('?').append(headers);
        }
        return sb.toString();
    }
}
