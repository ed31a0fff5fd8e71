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
        return CharClasses.is(c, CharClasses.IDENT);
    }

    /** {@code token} of RFC 3261 as used for header names and method names. */
    public static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!CharClasses.is(c, CharClasses.TOKEN)) {
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

    /**
     * The path header {@code name} (To-Path or From-Path) as URIs; throws if missing or malformed. A path seen
     * recently on this thread is not parsed again ({@link PathCache}).
     */
    public static List<MsrpUri> path(MsrpHeaders headers, String name) {
        String value = headers.get(name);
        if (value == null) {
            throw new MsrpParseException.InvalidHeader("missing " + name, -1);
        }
        return PathCache.current().path(value);
    }

    /** {@code range-start "-" range-end "/" total; range-end = 1*DIGIT / "*"; total = 1*DIGIT / "*"}. */
    public static ByteRange byteRange(String value) {
        int from = 0;
        int to = value.length();
        while (from < to && Character.isWhitespace(value.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(value.charAt(to - 1))) {
            to--;
        }
        int dash = value.indexOf('-', from);
        int slash = value.indexOf('/', from);
        if (dash <= from || dash >= to || slash < dash || slash >= to) {
            throw new MsrpParseException.InvalidHeader("bad Byte-Range: " + value, 0);
        }
        long start = digits(value, from, dash, false);
        long end = digits(value, dash + 1, slash, true);
        long total = digits(value, slash + 1, to, true);
        if (start < 0 || end < -1 || total < -1) {
            throw new MsrpParseException.InvalidHeader("bad Byte-Range: " + value, 0);
        }
        try {
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

    /**
     * {@code 1*DIGIT} (at most 18 digits) in {@code s[from, to)}, or {@code "*"} as {@link ByteRange#UNKNOWN} if
     * allowed; -2 if neither.
     */
    private static long digits(String s, int from, int to, boolean starAllowed) {
        if (starAllowed && to - from == 1 && s.charAt(from) == '*') {
            return ByteRange.UNKNOWN;
        }
        if (from == to || to - from > 18) {
            return -2;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -2;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
