package org.opencpm.msrp.internal.grammar;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.opencpm.msrp.ByteRange;
import org.opencpm.msrp.FailureReport;
import org.opencpm.msrp.MsrpHeaders;
import org.opencpm.msrp.MsrpParseException;
import org.opencpm.msrp.MsrpStatus;
import org.opencpm.msrp.MsrpUri;

/** The header and identifier rules of RFC 4975 §9, one method per rule. */
public final class HeaderGrammar {

    private HeaderGrammar() {
    }

    /**
     * {@code transact-id = ident; ident = ALPHANUM 3*31ident-char;
     * ident-char = ALPHANUM / "." / "-" / "+" / "%" / "="}.
     */
    public static boolean isTransactionId(String s) {
        if (s == null || s.length() < 4 || s.length() > 32 || !UriGrammar.isAlphaNum(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isIdentChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isIdentChar(int c) {
        return UriGrammar.isAlphaNum(c) || c == '.' || c == '-' || c == '+' || c == '%' || c == '=';
    }

    /** {@code token} of RFC 3261 as used for header names and method names. */
    public static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(UriGrammar.isAlphaNum(c) || "-.!%*_+`'~".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * One header line without its CRLF: {@code hname ":" SP hval}. Whitespace around the value is
     * dropped; the value must be UTF-8 text without control characters other than tab.
     */
    public static MsrpHeaders.Field headerLine(byte[] line, int from, int to) {
        int colon = -1;
        for (int i = from; i < to; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= from) {
            throw new MsrpParseException.InvalidHeader("header line without a name and ':'", 0);
        }
        String name = MsrpHeaders.knownName(line, from, colon);
        if (name == null) {
            name = new String(line, from, colon - from, StandardCharsets.US_ASCII);
            if (!isToken(name)) {
                throw new MsrpParseException.InvalidHeader("header name is not a token: " + name, 0);
            }
        }
        for (int i = colon + 1; i < to; i++) {
            int b = line[i] & 0xff;
            if (b < 0x20 && b != '\t' || b == 0x7f) {
                throw new MsrpParseException.InvalidHeader("control character in header " + name, i - from);
            }
        }
        int start = colon + 1;
        int end = to;
        while (start < end && (line[start] == ' ' || line[start] == '\t')) {
            start++;
        }
        while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
            end--;
        }
        String value = new String(line, start, end - start, StandardCharsets.UTF_8).strip();
        return new MsrpHeaders.Field(name, value);
    }

    /** The path header {@code name} (To-Path or From-Path) as URIs; throws if missing or malformed. */
    public static List<MsrpUri> path(MsrpHeaders headers, String name) {
        String value = headers.get(name);
        if (value == null) {
            throw new MsrpParseException.InvalidHeader("missing " + name, -1);
        }
        return UriGrammar.parsePath(value);
    }

    /** {@code range-start "-" range-end "/" total; range-end = 1*DIGIT / "*"; total = 1*DIGIT / "*"}. */
    public static ByteRange byteRange(String value) {
        String v = value.strip();
        int dash = v.indexOf('-');
        int slash = v.indexOf('/');
        if (dash <= 0 || slash < dash) {
            throw new MsrpParseException.InvalidHeader("bad Byte-Range: " + value, 0);
        }
        try {
            long start = digits(v.substring(0, dash), false);
            long end = digits(v.substring(dash + 1, slash), true);
            long total = digits(v.substring(slash + 1), true);
            return new ByteRange(start, end, total);
        } catch (IllegalArgumentException e) {
            throw new MsrpParseException.InvalidHeader("bad Byte-Range: " + value, 0);
        }
    }

    /** {@code "yes" / "no"}, case-insensitive. */
    public static boolean yesNo(String value, String header) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("yes")) {
            return true;
        }
        if (v.equals("no")) {
            return false;
        }
        throw new MsrpParseException.InvalidHeader("bad " + header + ": " + value, 0);
    }

    /** {@code "yes" / "no" / "partial"}, case-insensitive. */
    public static FailureReport failureReport(String value) {
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "yes": return FailureReport.YES;
            case "no": return FailureReport.NO;
            case "partial": return FailureReport.PARTIAL;
            default: throw new MsrpParseException.InvalidHeader("bad Failure-Report: " + value, 0);
        }
    }

    /** {@code Status = namespace SP status-code [SP text-reason]; namespace = 3DIGIT} (000 for MSRP). */
    public static MsrpStatus status(String value) {
        String v = value.strip();
        if (v.length() < 7 || v.charAt(3) != ' ' || !v.startsWith("000")) {
            throw new MsrpParseException.InvalidHeader("bad Status: " + value, 0);
        }
        String code = v.substring(4, 7);
        if (!code.chars().allMatch(c -> c >= '0' && c <= '9') || v.length() > 7 && v.charAt(7) != ' ') {
            throw new MsrpParseException.InvalidHeader("bad Status code: " + value, 4);
        }
        String reason = v.length() > 8 ? v.substring(8) : null;
        return new MsrpStatus(Integer.parseInt(code), reason);
    }

    private static long digits(String s, boolean starAllowed) {
        if (starAllowed && s.equals("*")) {
            return ByteRange.UNKNOWN;
        }
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(s);
        }
        return Long.parseLong(s);
    }
}
