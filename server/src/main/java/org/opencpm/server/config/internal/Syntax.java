package org.opencpm.server.config.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Syntax checks for hosts, host:port pairs and SIP/TEL URIs in configuration values. No DNS look-up is
 * ever made: a host is checked for form only. Failures throw {@link IllegalArgumentException} whose
 * message says what is wrong.
 */
public final class Syntax {
    private Syntax() {
    }

    /** A host and an optional port; {@code port} is -1 when absent. The host has no IPv6 brackets. */
    public record HostAndPort(String host, int port) {
    }

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern HEX4 = Pattern.compile("[0-9A-Fa-f]{1,4}");
    // RFC 3261 §25.1: user = 1*( unreserved / escaped / user-unreserved ); we are a little looser.
    private static final Pattern SIP_URI = Pattern.compile(
            "(?i)(sips?):(?:([^@\\s;?:]+)(?::[^@\\s;?]*)?@)?(\\[[^\\]]+\\]|[^\\s:;?\\[\\]@]+)(?::(\\d{1,5}))?(;[^\\s?]*)?(\\?\\S*)?");
    private static final Pattern TEL_URI = Pattern.compile("(?i)tel:\\+?[0-9A-Fa-f*#().-]*[0-9][0-9A-Fa-f*#().-]*(;\\S*)?");

    /** Host name, IPv4 address or IPv6 address (without brackets). */
    public static void checkHost(String host) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("the host is empty");
        }
        if (host.indexOf(':') >= 0) {
            if (!isIpv6(host)) {
                throw new IllegalArgumentException("'" + host + "' is not an IPv6 address");
            }
            return;
        }
        if (host.matches("[0-9.]+")) {
            if (!isIpv4(host)) {
                throw new IllegalArgumentException("'" + host + "' is not an IPv4 address");
            }
            return;
        }
        if (!isHostname(host)) {
            throw new IllegalArgumentException("'" + host + "' is not a host name");
        }
    }

    public static boolean isHostname(String s) {
        if (s.isEmpty() || s.length() > 253) {
            return false;
        }
        for (String label : s.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    public static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    public static boolean isIpv6(String s) {
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        int groups = 0;
        String head = s;
        String tail = "";
        int dc = s.indexOf("::");
        if (dc >= 0) {
            if (s.indexOf("::", dc + 1) >= 0) {
                return false;
            }
            head = s.substring(0, dc);
            tail = s.substring(dc + 2);
        }
        String[] all = (head + (tail.isEmpty() ? "" : (head.isEmpty() ? "" : ":") + tail)).split(":", -1);
        if (head.isEmpty() && tail.isEmpty()) {
            return dc >= 0;
        }
        for (int i = 0; i < all.length; i++) {
            String g = all[i];
            if (i == all.length - 1 && g.indexOf('.') >= 0) {
                if (!isIpv4(g)) {
                    return false;
                }
                groups += 2;
            } else if (HEX4.matcher(g).matches()) {
                groups++;
            } else {
                return false;
            }
        }
        return dc >= 0 ? groups < 8 : groups == 8;
    }

    /**
     * Parses {@code host[:port]}, with an IPv6 host in brackets ({@code [::1]:5060}).
     *
     * @param portRequired whether a missing port is an error
     */
    public static HostAndPort hostAndPort(String text, boolean portRequired) {
        String host;
        String rest;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("the IPv6 address has no closing ']'");
            }
            host = text.substring(1, close);
            if (!isIpv6(host)) {
                throw new IllegalArgumentException("'" + host + "' is not an IPv6 address");
            }
            rest = text.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("unexpected '" + rest + "' after the IPv6 address");
            }
            rest = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon >= 0 && text.indexOf(':') != colon) {
                throw new IllegalArgumentException("an IPv6 address must be written in brackets, as [::1]");
            }
            host = colon < 0 ? text : text.substring(0, colon);
            rest = colon < 0 ? null : text.substring(colon + 1);
            checkHost(host);
        }
        if (rest == null) {
            if (portRequired) {
                throw new IllegalArgumentException("the port is missing");
            }
            return new HostAndPort(host, -1);
        }
        return new HostAndPort(host, port(rest));
    }

    /** A port 1..65535. */
    public static int port(String text) {
        if (text.isEmpty() || text.length() > 6 || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + text + "' is not a port number");
        }
        int p = Integer.parseInt(text);
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("port " + p + " is out of range 1..65535");
        }
        return p;
    }

    /** Checks a {@code sip:} or {@code sips:} URI (RFC 3261 §19.1, form only). */
    public static void checkSipUri(String text) {
        Matcher m = SIP_URI.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a SIP URI");
        }
        String host = m.group(3);
        try {
            checkHost(host.startsWith("[") ? bracketed(host) : host);
            if (m.group(4) != null) {
                port(m.group(4));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a SIP URI: " + e.getMessage());
        }
    }

    /** Checks a SIP, SIPS or TEL URI. */
    public static void checkSipOrTelUri(String text) {
        if (text.regionMatches(true, 0, "tel:", 0, 4)) {
            if (!TEL_URI.matcher(text).matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a TEL URI");
            }
            return;
        }
        checkSipUri(text);
    }

    /**
     * Parses a served user's address of record, exactly {@code sip:user@domain}, and returns it
     * normalised (scheme and host in lower case).
     */
    public static String addressOfRecord(String text) {
        Matcher m = SIP_URI.matcher(text);
        if (!m.matches() || !m.group(1).equalsIgnoreCase("sip") || m.group(2) == null
                || m.group(4) != null || m.group(5) != null || m.group(6) != null || text.indexOf(':', 4) >= 0
                && !m.group(3).startsWith("[")) {
            throw new IllegalArgumentException("'" + text + "' is not of the form sip:user@domain");
        }
        String host = m.group(3);
        try {
            checkHost(host.startsWith("[") ? bracketed(host) : host);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not of the form sip:user@domain: " + e.getMessage());
        }
        return "sip:" + m.group(2) + "@" + host.toLowerCase(Locale.ROOT);
    }

    /**
     * The form used to compare URIs: angle brackets, parameters and headers dropped, scheme and host
     * in lower case, user part as written. {@code <sip:Alice@Example.COM;transport=tcp>} becomes
     * {@code sip:Alice@example.com}.
     */
    public static String normalizeUri(String uri) {
        String s = uri.trim();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1);
        }
        int colon = s.indexOf(':');
        if (colon < 0) {
            return s.toLowerCase(Locale.ROOT);
        }
        String scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = s.substring(colon + 1);
        int at = rest.lastIndexOf('@');
        String user = at >= 0 ? rest.substring(0, at + 1) : "";
        String hostPart = at >= 0 ? rest.substring(at + 1) : rest;
        int cut = indexOfAny(hostPart, ';', '?');
        if (cut >= 0) {
            hostPart = hostPart.substring(0, cut);
        }
        if ("tel".equals(scheme)) {
            int p = indexOfAny(rest, ';', '?');
            return "tel:" + (p >= 0 ? rest.substring(0, p) : rest);
        }
        int userCut = indexOfAny(user, ';', '?');
        if (userCut >= 0) {
            user = user.substring(0, userCut) + "@";
        }
        return scheme + ":" + user + hostPart.toLowerCase(Locale.ROOT);
    }

    private static String bracketed(String host) {
        return host.substring(1, host.length() - 1);
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
