package org.opencpm.sip.message;

import org.opencpm.sip.internal.grammar.Scanner;

/**
 * A tel URI (RFC 3966): a global ({@code +} prefixed) or local number with parameters such as
 * {@code phone-context}. Visual separators are kept as written; {@link #digits()} drops them
 * for comparison, as RFC 3966 §4 requires.
 */
public record TelUri(String number, Parameters params) implements Uri {

    public static TelUri parse(String text) {
        if (!text.regionMatches(true, 0, "tel:", 0, 4)) {
            throw new SipParseException("Bad tel URI: scheme", 0);
        }
        Scanner sc = new Scanner(text, "tel URI");
        sc.position(4);
        String number = sc.until(";");
        if (number.isEmpty()) {
            throw sc.fail("empty number");
        }
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            boolean ok = Character.isDigit(c) || c == '-' || c == '.' || c == '(' || c == ')'
                    || (c == '+' && i == 0) || "*#ABCDabcdpPwW".indexOf(c) >= 0;
            if (!ok) {
                throw new SipParseException("Bad tel URI: illegal character in number", 4 + i);
            }
        }
        Parameters params = Parameters.parse(sc, false);
        if (!sc.atEnd()) {
            throw sc.fail("trailing characters");
        }
        return new TelUri(number, params);
    }

    @Override
    public String scheme() {
        return "tel";
    }

    public boolean isGlobal() {
        return number.startsWith("+");
    }

    /** The number without visual separators, e.g. "+15551234". */
    public String digits() {
        StringBuilder sb = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c != '-' && c != '.' && c != '(' && c != ')') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "tel:" + number + params;
    }
}
