package org.opencpm.sip.message;

import java.util.Objects;
import org.opencpm.sip.internal.grammar.Chars;
import org.opencpm.sip.internal.grammar.Scanner;

/**
 * A {@code name-addr} or {@code addr-spec} with header parameters, as in From, To, Contact, Route,
 * Record-Route, Referred-By and P-Asserted-Identity (RFC 3261 §20.10):
 * {@code ["display name"] <uri> *(;param)}.
 *
 * <p>In the addr-spec form (no angle brackets) the URI ends at the first ';' and what follows are
 * header parameters, as §20.10 requires. {@link #toString()} always writes the name-addr form.
 * The special Contact value {@code *} is represented by {@link #isWildcard()}.
 */
public final class Address {

    private static final Address WILDCARD = new Address(null, null, Parameters.EMPTY);

    private final String displayName;
    private final Uri uri;
    private final Parameters params;

    private Address(String displayName, Uri uri, Parameters params) {
        this.displayName = displayName;
        this.uri = uri;
        this.params = params;
    }

    public static Address of(Uri uri) {
        return new Address(null, Objects.requireNonNull(uri), Parameters.EMPTY);
    }

    public static Address of(String displayName, Uri uri, Parameters params) {
        return new Address(displayName, Objects.requireNonNull(uri), params);
    }

    /** Parses one address (one element of a comma-separated header value). */
    public static Address parse(String text) {
        return parse(text, "address");
    }

    /** Parses one address; {@code what} names the header in the fault phrase ("From"). */
    public static Address parse(String text, String what) {
        Scanner sc = new Scanner(text, what);
        sc.skipLws();
        if (sc.peek() == '*') {
            sc.next();
            sc.skipLws();
            if (sc.atEnd()) {
                return WILDCARD;
            }
            throw sc.fail("unexpected text after '*'");
        }
        String display = null;
        Uri uri;
        int start = sc.position();
        if (sc.peek() == '"') {
            display = sc.quotedString();
            sc.skipLws();
            if (sc.peek() != '<') {
                throw sc.fail("expected '<' after display name");
            }
        }
        if (sc.peek() != '<') {
            // Either *(token LWS) "<" (display name as tokens) or an addr-spec.
            int lt = findUnquoted(text, sc.position(), '<');
            if (lt >= 0) {
                String name = text.substring(start, lt).trim();
                for (int i = 0; i < name.length(); i++) {
                    char c = name.charAt(i);
                    if (!Chars.isToken(c) && !Chars.isWsp(c) && c < 128) {
                        throw new SipParseException("Bad " + what + ": illegal character in display name", start + i);
                    }
                }
                display = name.isEmpty() ? null : name;
                sc.position(lt);
            }
        }
        if (sc.accept('<')) {
            int end = text.indexOf('>', sc.position());
            if (end < 0) {
                throw sc.fail("missing '>'");
            }
            if (end > sc.position() && (Chars.isWsp(text.charAt(sc.position())) || Chars.isWsp(text.charAt(end - 1)))) {
                // name-addr = [display-name] LAQUOT addr-spec RAQUOT: no LWS inside (RFC 4475 §3.1.2.14).
                throw sc.fail("white space inside '<>'");
            }
            String u = text.substring(sc.position(), end);
            uri = parseUri(u, what, sc.position());
            sc.position(end + 1);
        } else {
            // addr-spec: the URI ends at the first ';' or whitespace
            int uStart = sc.position();
            String u = sc.until("; \t,");
            if (u.indexOf('?') >= 0) {
                // RFC 3261 §20: a URI with a comma, question mark or semicolon must be in angle brackets.
                throw new SipParseException("Bad " + what + ": URI with '?' not enclosed in '<>'", uStart);
            }
            uri = parseUri(u, what, uStart);
        }
        Parameters params = Parameters.parse(sc, true);
        sc.skipLws();
        if (!sc.atEnd()) {
            throw sc.fail("unexpected '" + (char) sc.peek() + "'");
        }
        return new Address(display, uri, params);
    }

    private static Uri parseUri(String u, String what, int offset) {
        if (u.isEmpty()) {
            throw new SipParseException("Bad " + what + ": empty URI", offset);
        }
        try {
            return Uri.parse(u);
        } catch (SipParseException e) {
            throw new SipParseException("Bad " + what + " URI: " + stripBad(e.fault()), offset + Math.max(0, e.offset()));
        }
    }

    static String stripBad(String fault) {
        int colon = fault.indexOf(": ");
        return fault.startsWith("Bad ") && colon > 0 ? fault.substring(colon + 2) : fault;
    }

    private static int findUnquoted(String s, int from, char c) {
        boolean q = false;
        for (int i = from; i < s.length(); i++) {
            char x = s.charAt(i);
            if (q) {
                if (x == '\\') {
                    i++;
                } else if (x == '"') {
                    q = false;
                }
            } else if (x == '"') {
                q = true;
            } else if (x == c) {
                return i;
            }
        }
        return -1;
    }

    /** The display name, unquoted, or null. */
    public String displayName() {
        return displayName;
    }

    /** The URI; null only for the Contact wildcard. */
    public Uri uri() {
        return uri;
    }

    /** The URI as a SIP URI, or null if it is of another scheme. */
    public SipUri sipUri() {
        return uri instanceof SipUri s ? s : null;
    }

    public Parameters params() {
        return params;
    }

    public String param(String name) {
        return params.get(name).orElse(null);
    }

    /** The {@code tag} parameter (From/To), or null. */
    public String tag() {
        return param("tag");
    }

    public boolean isWildcard() {
        return this == WILDCARD;
    }

    public Address withParam(String name, String rawValue) {
        return new Address(displayName, uri, params.with(name, rawValue));
    }

    public Address withoutParam(String name) {
        return new Address(displayName, uri, params.without(name));
    }

    public Address withTag(String tag) {
        return withParam("tag", tag);
    }

    public Address withUri(Uri newUri) {
        return new Address(displayName, newUri, params);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address a && Objects.equals(displayName, a.displayName) && Objects.equals(uri, a.uri)
                && params.equals(a.params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, params);
    }

    @Override
    public String toString() {
        if (isWildcard()) {
            return "*";
        }
        StringBuilder sb = new StringBuilder(64);
        if (displayName != null) {
            sb.append(Parameters.quote(displayName)).append(' ');
        }
        sb.append('<').append(uri).append('>');
        params.appendTo(sb);
        return sb.toString();
    }
}
