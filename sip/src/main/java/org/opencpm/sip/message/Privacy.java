package org.opencpm.sip.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opencpm.sip.internal.grammar.Scanner;

/**
 * The Privacy header (RFC 3323 §4.2, RFC 3325 §9.3): privacy values separated by ';', e.g.
 * {@code Privacy: id;header}. CPM admission checks ask whether anonymity is requested.
 *
 * <pre>
 * Privacy-hdr = "Privacy" HCOLON priv-value *(";" priv-value)
 * priv-value  = "header" / "session" / "user" / "none" / "critical" / "id" / "history" / token
 * </pre>
 *
 * @param values the priv-values in lower case, in order
 */
public record Privacy(List<String> values) {

    public static final String HEADER = "header";
    public static final String SESSION = "session";
    public static final String USER = "user";
    public static final String NONE = "none";
    public static final String CRITICAL = "critical";
    public static final String ID = "id";

    public Privacy {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("Privacy needs at least one value");
        }
    }

    public static Privacy of(String... values) {
        List<String> v = new ArrayList<>(values.length);
        for (String s : values) {
            v.add(s.toLowerCase(Locale.ROOT));
        }
        return new Privacy(v);
    }

    public static Privacy parse(String text) {
        Scanner sc = new Scanner(text, HeaderNames.PRIVACY);
        sc.skipLws();
        List<String> values = new ArrayList<>(2);
        do {
            if (!sc.atToken()) {
                throw sc.fail(sc.atEnd() ? "empty priv-value" : "illegal character '" + (char) sc.peek() + "'");
            }
            values.add(sc.token().toLowerCase(Locale.ROOT));
        } while (sc.acceptSeparator(';'));
        sc.skipLws();
        if (!sc.atEnd()) {
            throw sc.fail("unexpected '" + (char) sc.peek() + "'");
        }
        if (values.contains(NONE) && values.size() > 1) {
            // RFC 3323 §4.2: "none" ... MUST NOT be combined with other priv-values.
            throw new SipParseException("Bad Privacy: 'none' combined with other values", 0);
        }
        return new Privacy(values);
    }

    public boolean has(String value) {
        return values.contains(value.toLowerCase(Locale.ROOT));
    }

    public boolean isNone() {
        return values.size() == 1 && values.get(0).equals(NONE);
    }

    /** True if the sender asks to hide its identity: id, user or header privacy (RFC 3323, RFC 3325). */
    public boolean requestsAnonymity() {
        return has(ID) || has(USER) || has(HEADER);
    }

    @Override
    public String toString() {
        return String.join(";", values);
    }
}
