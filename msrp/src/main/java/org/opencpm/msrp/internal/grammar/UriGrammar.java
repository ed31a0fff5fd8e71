package org.opencpm.msrp.internal.grammar;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opencpm.msrp.MsrpParseException;
import org.opencpm.msrp.MsrpUri;

/**
 * The MSRP-URI grammar of RFC 4975 §9, and the path lists of To-Path and From-Path.
 *
 * <pre>
 * MSRP-URI    = msrp-scheme "://" authority ["/" session-id] ";" transport *( ";" URI-parameter)
 * msrp-scheme = "msrp" / "msrps"
 * session-id  = 1*( unreserved / "+" / "=" / "/" )
 * transport   = "tcp" / 1*ALPHANUM
 * </pre>
 */
public final class UriGrammar {

    private UriGrammar() {
    }

    /** Parses one MSRP-URI. */
    public static MsrpUri parse(String text) {
        String s = text.trim();
        int schemeEnd = s.indexOf("://");
        if (schemeEnd < 0) {
            throw invalid(text, "no \"://\"", 0);
        }
        String scheme = s.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        boolean secure;
        if (scheme.equals("msrp")) {
            secure = false;
        } else if (scheme.equals("msrps")) {
            secure = true;
        } else {
            throw invalid(text, "scheme is not msrp or msrps", 0);
        }
        int pos = schemeEnd + 3;
        int authorityEnd = indexOfAny(s, pos, "/;");
        if (authorityEnd < 0) {
            throw invalid(text, "no \";transport\"", s.length());
        }
        String authority = s.substring(pos, authorityEnd);
        String userInfo = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
        }
        String host;
        int port = -1;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw invalid(text, "unclosed IPv6 literal", pos);
            }
            host = authority.substring(0, close + 1);
            port = parsePort(text, authority.substring(close + 1), pos + close + 1);
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? -1 : parsePort(text, authority.substring(colon), pos + colon);
        }
        if (host.isEmpty()) {
            throw invalid(text, "empty host", pos);
        }
        pos = authorityEnd;
        String sessionId = null;
        if (s.charAt(pos) == '/') {
            int semi = s.indexOf(';', pos);
            if (semi < 0) {
                throw invalid(text, "no \";transport\" after session-id", s.length());
            }
            sessionId = s.substring(pos + 1, semi);
            checkSessionId(text, sessionId, pos + 1);
            pos = semi;
        }
        int paramStart = s.indexOf(';', pos + 1);
        String transport = paramStart < 0 ? s.substring(pos + 1) : s.substring(pos + 1, paramStart);
        if (transport.isEmpty() || !transport.chars().allMatch(UriGrammar::isAlphaNum)) {
            throw invalid(text, "transport is not 1*ALPHANUM", pos + 1);
        }
        String params = paramStart < 0 ? "" : s.substring(paramStart + 1);
        return new MsrpUri(secure, userInfo, host, port, sessionId, transport, params);
    }

    /** Parses a To-Path or From-Path value: one or more MSRP-URIs separated by spaces. */
    public static List<MsrpUri> parsePath(String value) {
        List<MsrpUri> uris = new ArrayList<>(2);
        for (String part : value.trim().split("[ \t]+")) {
            if (!part.isEmpty()) {
                uris.add(parse(part));
            }
        }
        if (uris.isEmpty()) {
            throw new MsrpParseException.InvalidHeader("empty path", 0);
        }
        return List.copyOf(uris);
    }

    /** Writes a path as a header value. */
    public static String formatPath(List<MsrpUri> path) {
        StringBuilder sb = new StringBuilder(64 * path.size());
        for (MsrpUri uri : path) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(uri);
        }
        return sb.toString();
    }

    /**
     * The host in the form it is compared in (RFC 4975 §6.1): lower case; an IPv6 literal normalised so
     * that different spellings of one address are equal. A literal is never looked up in DNS.
     */
    public static String comparableHost(String host) {
        if (host.startsWith("[") && host.endsWith("]")
                && host.chars().allMatch(c -> c == '[' || c == ']' || c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            try {
                return "[" + InetAddress.getByName(host.substring(1, host.length() - 1)).getHostAddress() + "]";
            } catch (UnknownHostException | SecurityException e) {
                return host.toLowerCase(Locale.ROOT);
            }
        }
        return host.toLowerCase(Locale.ROOT);
    }

    private static int parsePort(String text, String colonPort, int offset) {
        if (colonPort.isEmpty()) {
            return -1;
        }
        if (colonPort.charAt(0) != ':' || colonPort.length() == 1 || colonPort.length() > 6
                || !colonPort.substring(1).chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(text, "bad port", offset);
        }
        int port = Integer.parseInt(colonPort.substring(1));
        if (port > 65535) {
            throw invalid(text, "port out of range", offset);
        }
        return port;
    }

    private static void checkSessionId(String text, String id, int offset) {
        if (id.isEmpty()) {
            throw invalid(text, "empty session-id", offset);
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean unreserved = isAlphaNum(c) || c == '-' || c == '.' || c == '_' || c == '~';
            if (!unreserved && c != '+' && c != '=' && c != '/') {
                throw invalid(text, "character '" + c + "' not allowed in session-id", offset + i);
            }
        }
    }

    private static int indexOfAny(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    static boolean isAlphaNum(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static MsrpParseException invalid(String text, String why, int offset) {
        return new MsrpParseException.InvalidHeader("invalid MSRP URI \"" + text + "\": " + why, offset);
    }
}
