package org.opencpm.sip.message;

import java.util.ArrayList;
import java.util.List;
import org.opencpm.sip.internal.grammar.Chars;
import org.opencpm.sip.internal.grammar.Scanner;

/**
 * One value of the Reason header (RFC 3326 §2), as carried in BYE and CANCEL:
 * {@code SIP;cause=200;text="Call completed elsewhere"}.
 *
 * <pre>
 * Reason         = "Reason" HCOLON reason-value *(COMMA reason-value)
 * reason-value   = protocol *(SEMI reason-params)
 * protocol       = "SIP" / "Q.850" / token
 * reason-params  = protocol-cause / reason-text / reason-extension
 * protocol-cause = "cause" EQUAL cause        ; cause = 1*DIGIT
 * reason-text    = "text" EQUAL quoted-string
 * </pre>
 *
 * @param protocol as written ("SIP", "Q.850", or an extension token)
 * @param cause    the cause, or -1 if absent
 * @param text     the unquoted text, or null
 * @param params   all parameters as written, cause and text included
 */
public record Reason(String protocol, int cause, String text, Parameters params) {

    public static final String SIP = "SIP";
    public static final String Q850 = "Q.850";

    /** {@code SIP;cause=<cause>;text="<text>"}; text may be null. */
    public static Reason sip(int cause, String text) {
        Parameters p = Parameters.EMPTY.with("cause", Integer.toString(cause));
        if (text != null) {
            p = p.with("text", Parameters.quote(text));
        }
        return new Reason(SIP, cause, text, p);
    }

    /** Parses one reason-value. */
    public static Reason parse(String value) {
        Scanner sc = new Scanner(value, HeaderNames.REASON);
        sc.skipLws();
        if (!sc.atToken()) {
            throw sc.fail("expected a protocol");
        }
        String protocol = sc.token();
        Parameters params = Parameters.parse(sc, true);
        sc.skipLws();
        if (!sc.atEnd()) {
            throw sc.fail("unexpected '" + (char) sc.peek() + "'");
        }
        int cause = -1;
        if (params.has("cause")) {
            String raw = params.raw("cause");
            if (raw == null || raw.isEmpty() || raw.length() > 9 || !raw.chars().allMatch(Chars::isDigit)) {
                throw new SipParseException("Bad Reason: cause is not a number", -1);
            }
            cause = Integer.parseInt(raw);
        }
        String text = null;
        if (params.has("text")) {
            String t = params.raw("text");
            if (t == null || t.length() < 2 || t.charAt(0) != '"') {
                throw new SipParseException("Bad Reason: text is not a quoted string", -1);
            }
            text = Parameters.unquote(t);
        }
        return new Reason(protocol, cause, text, params);
    }

    /**
     * Parses a whole Reason header value (a comma-separated list). RFC 3326 §2 allows at most one
     * reason-value per protocol.
     */
    public static List<Reason> parseList(String value) {
        List<String> parts = new ArrayList<>(2);
        Headers.splitList(value, parts);
        if (parts.isEmpty()) {
            throw new SipParseException("Bad Reason: empty", 0);
        }
        List<Reason> out = new ArrayList<>(parts.size());
        for (String p : parts) {
            Reason r = parse(p);
            for (Reason earlier : out) {
                if (earlier.protocol.equalsIgnoreCase(r.protocol)) {
                    throw new SipParseException("Bad Reason: two values for protocol " + r.protocol, -1);
                }
            }
            out.add(r);
        }
        return out;
    }

    public boolean isSip() {
        return protocol.equalsIgnoreCase(SIP);
    }

    /** The cause of the SIP reason-value among {@code reasons}, or -1 if there is none. */
    public static int sipCause(List<Reason> reasons) {
        for (Reason r : reasons) {
            if (r.isSip()) {
                return r.cause;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return protocol + params;
    }
}
