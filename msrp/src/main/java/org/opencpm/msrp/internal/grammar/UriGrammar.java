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

    /** Parses one MSRP-URI; whitespace around it is ignored. */
    public static MsrpUri parse(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && text.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && text.charAt(to - 1) <= ' ') {
            to--;
        }
        return parse(text, from, to);
    }

    /**
     * Parses the MSRP-URI {@code text[from, to)} in one left-to-right scan, without regular expressions or
     * intermediate strings other than the URI's own parts.
     */
    static MsrpUri parse(String text, int from, int to) {
        // msrp-scheme "://"
        int schemeEnd = indexOf(text, from, to, ':');
        if (schemeEnd < 0 || schemeEnd + 2 >= to || text.charAt(schemeEnd + 1) != '/' || text.charAt(schemeEnd + 2) != '/') {
            throw invalid(text, from, to, "no \"://\"", 0);
        }
        boolean secure;
        if (regionIs(text, from, schemeEnd, "msrp")) {
            secure = false;
        } else if (regionIs(text, from, schemeEnd, "msrps")) {
            secure = true;
        } else {
            throw invalid(text, from, to, "scheme is not msrp or msrps", 0);
        }
        // authority = [ userinfo "@" ] hostport, up to "/" session-id or ";" transport
        int pos = schemeEnd + 3;
        int authorityEnd = pos;
        while (authorityEnd < to && text.charAt(authorityEnd) != '/' && text.charAt(authorityEnd) != ';') {
            authorityEnd++;
        }
        if (authorityEnd == to) {
            throw invalid(text, from, to, "no \";transport\"", to - from);
        }
        String userInfo = null;
        int hostStart = pos;
        for (int i = authorityEnd - 1; i >= pos; i--) {
            if (text.charAt(i) == '@') {
                userInfo = text.substring(pos, i);
                hostStart = i + 1;
                break;
            }
        }
        int hostEnd;
        if (hostStart < authorityEnd && text.charAt(hostStart) == '[') {
            int close = indexOf(text, hostStart, authorityEnd, ']');
            if (close < 0) {
                throw invalid(text, from, to, "unclosed IPv6 literal", pos - from);
            }
            hostEnd = close + 1;
        } else {
            hostEnd = indexOf(text, hostStart, authorityEnd, ':');
            hostEnd = hostEnd < 0 ? authorityEnd : hostEnd;
        }
        if (hostEnd == hostStart) {
            throw invalid(text, from, to, "empty host", pos - from);
        }
        int port = parsePort(text, from, to, hostEnd, authorityEnd);
        // ["/" session-id]
        pos = authorityEnd;
        String sessionId = null;
        if (text.charAt(pos) == '/') {
            int semi = indexOf(text, pos + 1, to, ';');
            if (semi < 0) {
                throw invalid(text, from, to, "no \";transport\" after session-id", to - from);
            }
            checkSessionId(text, from, to, pos + 1, semi);
            sessionId = text.substring(pos + 1, semi);
            pos = semi;
        }
        // ";" transport *( ";" URI-parameter )
        int paramStart = indexOf(text, pos + 1, to, ';');
        int transportEnd = paramStart < 0 ? to : paramStart;
        if (transportEnd == pos + 1) {
            throw invalid(text, from, to, "transport is not 1*ALPHANUM", pos + 1 - from);
        }
        for (int i = pos + 1; i < transportEnd; i++) {
            if (!isAlphaNum(text.charAt(i))) {
                throw invalid(text, from, to, "transport is not 1*ALPHANUM", pos + 1 - from);
            }
        }
        String transport = regionIs(text, pos + 1, transportEnd, "tcp") && text.startsWith("tcp", pos + 1)
                ? "tcp" : text.substring(pos + 1, transportEnd);
        String params = paramStart < 0 ? "" : text.substring(paramStart + 1, to);
        return new MsrpUri(secure, userInfo, text.substring(hostStart, hostEnd), port, sessionId, transport, params);
    }

    /**
     * Parses a To-Path or From-Path value: one or more MSRP-URIs separated by spaces or tabs.
     *
     * @throws MsrpParseException.InvalidHeader if the value holds no URI or a malformed one
     */
    public static List<MsrpUri> parsePath(String value) {
        int length = value.length();
        int pos = 0;
        MsrpUri first = null;
        List<MsrpUri> more = null;
        while (true) {
            while (pos < length && value.charAt(pos) <= ' ') {
                pos++;
            }
            if (pos == length) {
                break;
            }
            int end = pos;
            while (end < length && value.charAt(end) != ' ' && value.charAt(end) != '\t') {
                end++;
            }
            MsrpUri uri = parse(value, pos, trimEnd(value, pos, end));
            if (first == null) {
                first = uri;
            } else {
                if (more == null) {
                    more = new ArrayList<>(4);
                    more.add(first);
                }
                more.add(uri);
            }
            pos = end;
        }
        if (first == null) {
            throw new MsrpParseException.InvalidHeader("empty path", 0);
        }
        return more == null ? List.of(first) : List.copyOf(more);
    }

    /** Writes a path as a header value. */
    public static String formatPath(List<MsrpUri> path) {
        if (path.size() == 1) {
            return PathCache.current().format(path.get(0));
        }
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
        if (host.startsWith("[") && host.endsWith("]") && isAddressLiteral(host)) {
            try {
                return "[" + InetAddress.getByName(host.substring(1, host.length() - 1)).getHostAddress() + "]";
            } catch (UnknownHostException | SecurityException e) {
                return host.toLowerCase(Locale.ROOT);
            }
        }
        return host.toLowerCase(Locale.ROOT);
    }

    private static boolean isAddressLiteral(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '[' && c != ']' && c != ':' && c != '.' && Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code [":" port]} in {@code text[at, end)}: -1 if absent; 1 to 5 digits, at most 65535. */
    private static int parsePort(String text, int from, int to, int at, int end) {
        if (at == end) {
            return -1;
        }
        if (text.charAt(at) != ':' || end - at == 1 || end - at > 6) {
            throw invalid(text, from, to, "bad port", at - from);
        }
        int port = 0;
        for (int i = at + 1; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid(text, from, to, "bad port", at - from);
            }
            port = port * 10 + (c - '0');
        }
        if (port > 65535) {
            throw invalid(text, from, to, "port out of range", at - from);
        }
        return port;
    }

    /** {@code session-id = 1*( unreserved / "+" / "=" / "/" )} in {@code text[start, end)}. */
    private static void checkSessionId(String text, int from, int to, int start, int end) {
        if (start == end) {
            throw invalid(text, from, to, "empty session-id", start - from);
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (!CharClasses.is(c, CharClasses.SESSION_ID)) {
                throw invalid(text, from, to, "character '" + c + "' not allowed in session-id", i - from);
            }
        }
    }

    private static int indexOf(String s, int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static int trimEnd(String s, int from, int to) {
        while (to > from && s.charAt(to - 1) <= ' ') {
            to--;
        }
        return to;
    }

    /** True if {@code s[from, to)} equals the lower-case ASCII {@code lower}, ignoring case. */
    private static boolean regionIs(String s, int from, int to, String lower) {
        return to - from == lower.length() && s.regionMatches(true, from, lower, 0, lower.length());
    }

    static boolean isAlphaNum(int c) {
        return CharClasses.is(c, CharClasses.ALPHANUM);
    }

    private static MsrpParseException invalid(String text, int from, int to, String why, int offset) {
        return new MsrpParseException.InvalidHeader("invalid MSRP URI \"" + text.substring(from, to) + "\": " + why,
                offset);
    }
}
