package org.opencpm.sip.message;

import java.util.ArrayList;
import java.util.List;
import org.opencpm.sip.internal.grammar.Chars;
import org.opencpm.sip.internal.grammar.Scanner;

/**
 * One value of the Warning header (RFC 3261 §20.43): {@code 399 cf.example.net "127 Service not authorised"}.
 *
 * <pre>
 * Warning        = "Warning" HCOLON warning-value *(COMMA warning-value)
 * warning-value  = warn-code SP warn-agent SP warn-text
 * warn-code      = 3DIGIT
 * warn-agent     = hostport / pseudonym     ; pseudonym = token
 * warn-text      = quoted-string
 * </pre>
 *
 * <p>OMA messaging enablers put their own three-digit code at the start of the warn-text, usually
 * with warn-code 399 (reference §3). {@link #omaCode()} reads it and ignores the warn-code, since
 * peers differ there ({@code 403 SIP "133 Size exceeded"} is seen too).
 *
 * @param text the warn-text, unquoted
 */
public record Warning(int code, String agent, String text) {

    public Warning {
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("warn-code must have 3 digits: " + code);
        }
        if (agent == null || agent.isEmpty()) {
            throw new IllegalArgumentException("warn-agent is empty");
        }
    }

    /** The OMA form {@code 399 <agent> "<omaCode> <phrase>"}, e.g. {@code oma("cf.example.net", 119, "Anonymity not allowed")}. */
    public static Warning oma(String agent, int omaCode, String phrase) {
        return new Warning(399, agent, String.format("%03d %s", omaCode, phrase));
    }

    /** Parses one warning-value. */
    public static Warning parse(String value) {
        Scanner sc = new Scanner(value, HeaderNames.WARNING);
        sc.skipLws();
        int start = sc.position();
        while (Chars.isDigit(sc.peek())) {
            sc.next();
        }
        if (sc.position() - start != 3) {
            throw new SipParseException("Bad Warning: warn-code must be 3 digits", start);
        }
        int code = Integer.parseInt(value, start, sc.position(), 10);
        if (code < 100) {
            throw new SipParseException("Bad Warning: warn-code out of range", start);
        }
        if (!sc.accept(' ')) {
            throw sc.fail("expected SP after warn-code");
        }
        int agentStart = sc.position();
        String agent = sc.until(" \t\"");
        if (agent.isEmpty()) {
            throw sc.fail("missing warn-agent");
        }
        for (int i = 0; i < agent.length(); i++) {
            char c = agent.charAt(i);
            if (!Chars.isToken(c) && c != ':' && c != '[' && c != ']') {
                throw new SipParseException("Bad Warning: illegal character in warn-agent", agentStart + i);
            }
        }
        sc.skipLws();
        if (sc.peek() != '"') {
            throw sc.fail("warn-text must be a quoted string");
        }
        String text = sc.quotedString();
        sc.skipLws();
        if (!sc.atEnd()) {
            throw sc.fail("unexpected text after warn-text");
        }
        return new Warning(code, agent, text);
    }

    /** Parses a whole Warning header value (a comma-separated list). */
    public static List<Warning> parseList(String value) {
        List<String> parts = new ArrayList<>(2);
        Headers.splitList(value, parts);
        if (parts.isEmpty()) {
            throw new SipParseException("Bad Warning: empty", 0);
        }
        List<Warning> out = new ArrayList<>(parts.size());
        for (String p : parts) {
            out.add(parse(p));
        }
        return out;
    }

    /** The OMA code that starts the warn-text ("119 Anonymity not allowed" gives 119), or -1 if it does not start with 3 digits. */
    public int omaCode() {
        if (text.length() < 3 || !Chars.isDigit(text.charAt(0)) || !Chars.isDigit(text.charAt(1))
                || !Chars.isDigit(text.charAt(2)) || (text.length() > 3 && text.charAt(3) != ' ')) {
            return -1;
        }
        return Integer.parseInt(text, 0, 3, 10);
    }

    @Override
    public String toString() {
        return code + " " + agent + " " + Parameters.quote(text);
    }
}
