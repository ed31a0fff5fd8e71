package org.opencpm.sip.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.opencpm.sip.internal.grammar.Chars;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.CSeq;
import org.opencpm.sip.message.Header;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.Headers;
import org.opencpm.sip.message.MessageFactory;
import org.opencpm.sip.message.SipMessage;
import org.opencpm.sip.message.SipParseException;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.message.Uri;
import org.opencpm.sip.message.Via;

/**
 * The SIP message grammar of RFC 3261 §7 and §25 over bytes, independent of any transport.
 *
 * <p>Parsing runs in two steps so that a stream decoder can frame without parsing twice:
 * {@link #parseHead} reads the start line and the header fields (unfolding continuation lines,
 * expanding compact names) and finds {@code Content-Length}; {@link #complete} takes the body and
 * validates the message into a {@link ParseResult}. {@link #parseDatagram} does both for a UDP
 * datagram, where the datagram is the frame (RFC 3261 §18.3: octets beyond Content-Length are
 * discarded, a Content-Length beyond the datagram is an error).
 *
 * <p>Validation covers what every element needs before it can act: the start line, Via, From, To,
 * Call-ID, CSeq (and that its method matches the request's, RFC 4475 §3.1.2.16), Max-Forwards,
 * Content-Length, and the address headers Contact, Route and Record-Route. Other headers are
 * parsed when used. What validation parses (top Via, CSeq, From, To, the Contact, Route and
 * Record-Route lists) is kept on the message, so the layers above do not parse it again.
 *
 * <p>The RFC 4475 §3 torture messages are the parser's fixtures ({@code TortureTest}): valid ones
 * parse and survive a round trip; malformed requests become a {@link ParseResult.BadRequest} whose
 * fault names the defect ("Bad To: unterminated quoted string", "Multiple Content-Length headers");
 * malformed responses are {@link ParseResult.Unparseable}.
 *
 * <p>Instances hold no per-message state and may be shared between threads.
 */
public final class SipMessageParser {

    private final SipDecoderConfig config;

    public SipMessageParser(SipDecoderConfig config) {
        this.config = config;
    }

    public SipMessageParser() {
        this(SipDecoderConfig.DEFAULT);
    }

    public SipDecoderConfig config() {
        return config;
    }

    /**
     * The start line and header fields of a message, before its body is read.
     *
     * @param contentLength the Content-Length value, or -1 if absent
     * @param fault         the first fault found in the head (bad header line, bad or repeated
     *                      Content-Length), or null; {@link #complete} reports it
     * @param ascii         whether the head's bytes were all US-ASCII, so that the writer may copy its text byte for byte
     */
    public record Head(String startLine, List<Header> headers, int contentLength, String fault, int faultOffset,
                       boolean ascii) {

        /** A head whose bytes are not known to be US-ASCII. */
        public Head(String startLine, List<Header> headers, int contentLength, String fault, int faultOffset) {
            this(startLine, headers, contentLength, fault, faultOffset, false);
        }
    }

    /**
     * Finds the end of the head: the index just after the empty line (CRLF CRLF, or LF LF from
     * lenient peers) that ends the header fields, or -1 if it is not in the buffer yet. Leading CRLFs
     * (keep-alives, RFC 5626 §3.5.1) are skipped.
     */
    public static int findHeadEnd(byte[] b, int off, int len) {
        int end = off + len;
        int i = skipLeadingCrlf(b, off, end);
        while ((i = indexOf(b, i, end, (byte) '\n')) >= 0) {
            if (i + 1 < end && b[i + 1] == '\n') {
                return i + 2;
            }
            if (i + 2 < end && b[i + 1] == '\r' && b[i + 2] == '\n') {
                return i + 3;
            }
            i++;
        }
        return -1;
    }

    static int skipLeadingCrlf(byte[] b, int p, int end) {
        while (p < end && (b[p] == '\r' || b[p] == '\n')) {
            p++;
        }
        return p;
    }

    /** Parses a whole datagram. Never throws. */
    public ParseResult parseDatagram(byte[] b, int off, int len) {
        int end = off + len;
        int start = skipLeadingCrlf(b, off, end);
        if (start == end) {
            return new ParseResult.Unparseable("Empty message", off);
        }
        int headEnd = findHeadEnd(b, start, end - start);
        // A datagram ending right after the last header line still holds a whole head.
        int headLen = headEnd < 0 ? end - start : headEnd - start;
        if (headLen > config.maxHeadSize()) {
            return tooLarge(b, start, Math.min(headLen, config.maxHeadSize()));
        }
        Head head = parseHead(b, start, headLen);
        if (head == null) {
            return new ParseResult.Unparseable("No start line", start);
        }
        int bodyStart = start + headLen;
        int available = end - bodyStart;
        int bodyLen = available;
        if (head.fault == null && head.contentLength >= 0) {
            if (head.contentLength > available) {
                return classify(head, new SipParseException("Content-Length larger than message", bodyStart));
            }
            bodyLen = head.contentLength;
        }
        if (bodyStart + bodyLen - start > config.maxMessageSize()) {
            return classify(head, 513, new SipParseException("Message Too Large", bodyStart));
        }
        byte[] body = new byte[bodyLen];
        System.arraycopy(b, bodyStart, body, 0, bodyLen);
        return complete(head, body);
    }

    private ParseResult tooLarge(byte[] b, int start, int len) {
        Head head = parseHead(b, start, len);
        if (head == null) {
            return new ParseResult.Unparseable("Message Too Large", start);
        }
        return classify(head, 513, new SipParseException("Message Too Large", start + len));
    }

    /**
     * Parses the start line and header fields in {@code b[off, off+len)}, which holds the head up to
     * and including its empty line (as found by {@link #findHeadEnd}). Returns null if there is no
     * start line at all. Header-line faults are recorded in {@link Head#fault}, not thrown.
     */
    public Head parseHead(byte[] b, int off, int len) {
        int end = off + len;
        boolean ascii = isAscii(b, off, end);
        int p = skipLeadingCrlf(b, off, end);
        int eol = indexOf(b, p, end, (byte) '\n');
        int lineEnd = eol < 0 ? end : eol;
        String startLine = decode(ascii, b, p, trimCr(b, p, lineEnd));
        if (startLine.isEmpty()) {
            return null;
        }
        List<Header> headers = new ArrayList<>(20);
        int contentLength = -1;
        boolean seenContentLength = false;
        String fault = null;
        int faultOffset = -1;
        p = eol < 0 ? end : eol + 1;
        while (p < end) {
            eol = indexOf(b, p, end, (byte) '\n');
            lineEnd = eol < 0 ? end : eol;
            int contentEnd = trimCr(b, p, lineEnd);
            if (contentEnd == p) {
                break; // the empty line: end of the head
            }
            int lineStart = p;
            p = eol < 0 ? end : eol + 1;
            // RFC 3261 §7.3.1: a line starting with white space continues the previous field.
            StringBuilder folded = null;
            while (p < end && (b[p] == ' ' || b[p] == '\t')) {
                int e2 = indexOf(b, p, end, (byte) '\n');
                int le2 = e2 < 0 ? end : e2;
                if (folded == null) {
                    folded = new StringBuilder(decode(ascii, b, lineStart, contentEnd));
                }
                folded.append(' ').append(decode(ascii, b, p, trimCr(b, p, le2)).trim());
                p = e2 < 0 ? end : e2 + 1;
            }
            String canonical;
            String value;
            if (folded == null) {
                // The common case, worked on bytes: no String for the name unless it is unknown.
                int colonAt = indexOf(b, lineStart, contentEnd, (byte) ':');
                int nameEnd = colonAt;
                while (nameEnd > lineStart && (b[nameEnd - 1] == ' ' || b[nameEnd - 1] == '\t')) {
                    nameEnd--;
                }
                if (colonAt <= lineStart) {
                    if (fault == null) {
                        fault = "Bad header line: no colon";
                        faultOffset = lineStart;
                    }
                    continue;
                }
                // header-name HCOLON: white space may precede the colon but not break the name
                if (nameEnd == lineStart || !isToken(b, lineStart, nameEnd)) {
                    if (fault == null) {
                        fault = "Bad header name '" + printable(decode(ascii, b, lineStart, colonAt).strip()) + "'";
                        faultOffset = lineStart;
                    }
                    continue;
                }
                canonical = HeaderNames.canonical(b, lineStart, nameEnd);
                if (canonical == null) {
                    canonical = decode(ascii, b, lineStart, nameEnd);
                }
                int vs = colonAt + 1;
                int ve = contentEnd;
                while (vs < ve && isWhite(b[vs])) {
                    vs++;
                }
                while (ve > vs && isWhite(b[ve - 1])) {
                    ve--;
                }
                value = decode(ascii, b, vs, ve);
            } else {
                String line = folded.toString();
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    if (fault == null) {
                        fault = "Bad header line: no colon";
                        faultOffset = lineStart;
                    }
                    continue;
                }
                String rawName = line.substring(0, colon);
                String name = rawName.strip();
                if (!Chars.isToken(name) || Chars.isWsp(rawName.charAt(0))) {
                    if (fault == null) {
                        fault = "Bad header name '" + printable(name) + "'";
                        faultOffset = lineStart;
                    }
                    continue;
                }
                value = line.substring(colon + 1).strip();
                canonical = HeaderNames.canonical(name);
            }
            if (canonical.equals(HeaderNames.CONTENT_LENGTH)) {
                if (seenContentLength) {
                    // RFC 4475 §3.3.9 (mcl01): which length to believe cannot be known.
                    if (fault == null || fault.equals("Bad Content-Length")) {
                        fault = "Multiple Content-Length headers";
                        faultOffset = lineStart;
                    }
                } else {
                    seenContentLength = true;
                    contentLength = parseContentLength(value);
                    if (contentLength < 0 && fault == null) {
                        fault = "Bad Content-Length";
                        faultOffset = lineStart;
                    }
                }
            }
            headers.add(new Header(canonical, value));
            if (headers.size() > config.maxHeaders() && fault == null) {
                fault = "Too many header fields";
                faultOffset = lineStart;
            }
        }
        return new Head(startLine, headers, contentLength, fault, faultOffset, ascii);
    }

    private static int parseContentLength(String v) {
        if (v.isEmpty() || v.length() > 9) {
            return -1;
        }
        for (int i = 0; i < v.length(); i++) {
            if (!Chars.isDigit(v.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(v);
    }

    /** Validates a head with its body into a message. Never throws. */
    public ParseResult complete(Head head, byte[] body) {
        if (head.fault != null) {
            return classify(head, new SipParseException(head.fault, head.faultOffset));
        }
        try {
            SipMessage m = build(head, body);
            if (head.ascii) {
                MessageFactory.markAsciiHead(m);
            }
            return new ParseResult.Parsed(m);
        } catch (SipParseException e) {
            return classify(head, e);
        } catch (RuntimeException e) {
            // A grammar gap must still end as a 400, never as an exception in the transport.
            return classify(head, new SipParseException("Malformed message", -1));
        }
    }

    private ParseResult classify(Head head, SipParseException e) {
        return classify(head, e instanceof VersionException ? 505 : 400, e);
    }

    private ParseResult classify(Head head, int status, SipParseException e) {
        String sl = head.startLine;
        if (sl.regionMatches(true, 0, "SIP/", 0, 4)) {
            return new ParseResult.Unparseable(e.fault(), e.offset());
        }
        int sp = sl.indexOf(' ');
        String method = sp > 0 ? sl.substring(0, sp) : sl;
        if (!Chars.isToken(method)) {
            return new ParseResult.Unparseable(e.fault(), e.offset());
        }
        // Without a readable top Via there is nowhere to send the answer (RFC 3261 §18.2.2).
        Headers headers = Headers.of(head.headers);
        List<String> vias = headers.values(HeaderNames.VIA);
        if (vias.isEmpty()) {
            return new ParseResult.Unparseable(e.fault(), e.offset());
        }
        if (!answerable(vias.get(0))) {
            return new ParseResult.Unparseable(e.fault(), e.offset());
        }
        if (method.equals("ACK")) {
            // An ACK is never answered (RFC 3261 §17.2.3): a broken one can only be dropped.
            return new ParseResult.Unparseable(e.fault(), e.offset());
        }
        return new ParseResult.BadRequest(status, e.fault(), method, headers);
    }

    /**
     * Whether a response could be routed by this top Via: it parses, or at least its sent-protocol
     * and sent-by do (RFC 4475 §3.1.2.1 badinv01 has empty Via parameters but a usable sent-by;
     * RFC 3261 §18.2.2 needs only the sent-by, and the received/rport the transport adds).
     */
    private static boolean answerable(String topVia) {
        try {
            Via.parse(topVia);
            return true;
        } catch (SipParseException strict) {
            int semi = topVia.indexOf(';');
            if (semi <= 0) {
                return false;
            }
            try {
                Via.parse(topVia.substring(0, semi));
                return true;
            } catch (SipParseException lenient) {
                return false;
            }
        }
    }

    private static final class VersionException extends SipParseException {
        private static final long serialVersionUID = 1L;

        VersionException() {
            super("Version Not Supported", 0);
        }
    }

    private SipMessage build(Head head, byte[] body) {
        String sl = head.startLine;
        Headers headers = headersWithoutContentLength(head.headers);
        if (sl.regionMatches(true, 0, "SIP/", 0, 4)) {
            return buildResponse(sl, headers, body);
        }
        // Request-Line = Method SP Request-URI SP SIP-Version CRLF (RFC 3261 §25.1): single spaces only.
        int sp1 = sl.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : sl.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 < 0 || sl.indexOf(' ', sp2 + 1) >= 0 || sp2 == sp1 + 1 || sp2 == sl.length() - 1
                || sl.indexOf('\t') >= 0) {
            throw new SipParseException("Bad Request-Line", 0);
        }
        String method = sl.substring(0, sp1);
        String uriText = sl.substring(sp1 + 1, sp2);
        String version = sl.substring(sp2 + 1);
        if (!Chars.isToken(method)) {
            throw new SipParseException("Bad method", 0);
        }
        checkVersion(version);
        if (uriText.startsWith("<")) {
            throw new SipParseException("Bad Request-URI: enclosed in '<>'", sp1 + 1);
        }
        Uri uri;
        try {
            uri = Uri.parse(uriText);
        } catch (SipParseException e) {
            throw new SipParseException("Bad Request-URI", sp1 + 1);
        }
        if (uri instanceof SipUri s && s.headers() != null) {
            // RFC 3261 §19.1.5: headers are not allowed in a Request-URI.
            throw new SipParseException("Bad Request-URI: headers not allowed", sp1 + 1);
        }
        Fields fields = new Fields(headers);
        Common common = validateCommon(fields);
        CSeq cseq = common.cseq;
        if (!cseq.method().equals(method)) {
            throw new SipParseException("CSeq method does not match request method", -1);
        }
        String mf = fields.single(Fields.MAX_FORWARDS);
        if (mf != null && (parseContentLength(mf) < 0 || parseContentLength(mf) > 255)) {
            throw new SipParseException("Bad Max-Forwards", -1);
        }
        fields.single(Fields.CONTENT_TYPE);
        List<Address> contacts = addresses(fields.contacts, "Contact");
        List<Address> routes = addresses(fields.routes, "Route");
        List<Address> recordRoutes = addresses(fields.recordRoutes, "Record-Route");
        SipRequest r = MessageFactory.request(method, uri, headers, body, common.topVia, cseq, common.from, common.to);
        MessageFactory.primeAddresses(r, contacts, routes, recordRoutes);
        return r;
    }

    private SipMessage buildResponse(String sl, Headers headers, byte[] body) {
        // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF
        int sp1 = sl.indexOf(' ');
        if (sp1 < 0) {
            throw new SipParseException("Bad Status-Line", 0);
        }
        checkVersion(sl.substring(0, sp1));
        int sp2 = sl.indexOf(' ', sp1 + 1);
        String code = sp2 < 0 ? sl.substring(sp1 + 1) : sl.substring(sp1 + 1, sp2);
        if (code.length() != 3 || !Chars.isDigit(code.charAt(0)) || !Chars.isDigit(code.charAt(1))
                || !Chars.isDigit(code.charAt(2))) {
            throw new SipParseException("Bad Status-Code", sp1 + 1);
        }
        int status = Integer.parseInt(code);
        if (status < 100 || status > 699) {
            throw new SipParseException("Bad Status-Code", sp1 + 1);
        }
        String reason = sp2 < 0 ? "" : sl.substring(sp2 + 1);
        Common common = validateCommon(new Fields(headers));
        return MessageFactory.response(status, reason, headers, body, common.topVia, common.cseq, common.from, common.to);
    }

    private static void checkVersion(String version) {
        if (version.equalsIgnoreCase("SIP/2.0")) {
            return;
        }
        if (version.regionMatches(true, 0, "SIP/", 0, 4)) {
            throw new VersionException();
        }
        throw new SipParseException("Bad SIP-Version", 0);
    }

    /** Via, From, To, Call-ID and CSeq: present, single where the grammar says so, well-formed. */
    /** The typed values validation produced, handed to the message so that they are not parsed twice. */
    private record Common(Via topVia, CSeq cseq, Address from, Address to) {
    }

    private Common validateCommon(Fields fields) {
        List<String> vias = fields.vias;
        if (vias == null) {
            throw new SipParseException("Missing Via", -1);
        }
        if (vias.size() > config.maxVias()) {
            throw new SipParseException("Too many Via headers", -1);
        }
        Via top = null;
        for (String v : vias) {
            Via via = Via.parse(v);
            if (top == null) {
                top = via;
            }
        }
        Address from = fields.address(Fields.FROM);
        Address to = fields.address(Fields.TO);
        String callId = fields.required(Fields.CALL_ID);
        if (callId.isEmpty()) {
            throw new SipParseException("Bad Call-ID", -1);
        }
        for (int i = 0; i < callId.length(); i++) {
            char c = callId.charAt(i);
            if (!Chars.isWord(c) && c != '@') {
                throw new SipParseException("Bad Call-ID", -1);
            }
        }
        return new Common(top, CSeq.parse(fields.required(Fields.CSEQ)), from, to);
    }

    private static List<Address> addresses(List<String> values, String what) {
        if (values == null) {
            return List.of();
        }
        Address[] out = new Address[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Address.parse(values.get(i), what);
        }
        return List.of(out);
    }

    /**
     * The header fields validation needs, picked out in one pass. Parsed fields carry the canonical
     * {@link HeaderNames} constants (see {@link Header}), so names compare by identity.
     */
    private static final class Fields {
        static final int FROM = 0;
        static final int TO = 1;
        static final int CALL_ID = 2;
        static final int CSEQ = 3;
        static final int MAX_FORWARDS = 4;
        static final int CONTENT_TYPE = 5;
        private static final String[] NAMES = {HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID,
            HeaderNames.CSEQ, HeaderNames.MAX_FORWARDS, HeaderNames.CONTENT_TYPE};

        final String[] first = new String[NAMES.length];
        final int[] count = new int[NAMES.length];
        List<String> vias;
        List<String> contacts;
        List<String> routes;
        List<String> recordRoutes;

        Fields(Headers headers) {
            List<Header> all = headers.all();
            for (int i = 0, n = all.size(); i < n; i++) {
                Header h = all.get(i);
                String name = h.name();
                if (name == HeaderNames.VIA) {
                    vias = split(vias, h.value());
                } else if (name == HeaderNames.CONTACT) {
                    contacts = split(contacts, h.value());
                } else if (name == HeaderNames.ROUTE) {
                    routes = split(routes, h.value());
                } else if (name == HeaderNames.RECORD_ROUTE) {
                    recordRoutes = split(recordRoutes, h.value());
                } else {
                    for (int k = 0; k < NAMES.length; k++) {
                        if (name == NAMES[k]) {
                            if (count[k]++ == 0) {
                                first[k] = h.value();
                            }
                            break;
                        }
                    }
                }
            }
        }

        private static List<String> split(List<String> list, String value) {
            List<String> l = list == null ? new ArrayList<>(2) : list;
            Headers.splitList(value, l);
            return l.isEmpty() ? null : l;
        }

        /** The single value of an optional header, or null; a repeated one is a fault. */
        String single(int k) {
            String v = first[k];
            if (count[k] > 1 || (v != null && k != CONTENT_TYPE && k != CSEQ && hasTopLevelComma(v))) {
                throw new SipParseException("Multiple " + NAMES[k] + " headers", -1);
            }
            return v;
        }

        String required(int k) {
            if (count[k] == 0) {
                throw new SipParseException("Missing " + NAMES[k], -1);
            }
            return single(k);
        }

        /**
         * From and To: one field holding one address. The value is parsed whole first, so that a comma
         * that breaks the grammar (RFC 4475 §3.1.2.15, an unquoted display name with a comma) is reported
         * as what it is rather than as a second value.
         */
        Address address(int k) {
            if (count[k] == 0) {
                throw new SipParseException("Missing " + NAMES[k], -1);
            }
            if (count[k] > 1) {
                throw new SipParseException("Multiple " + NAMES[k] + " headers", -1);
            }
            Address a = Address.parse(first[k], NAMES[k]);
            if (hasTopLevelComma(first[k])) {
                throw new SipParseException("Multiple " + NAMES[k] + " headers", -1);
            }
            return a;
        }
    }

    private static boolean hasTopLevelComma(String v) {
        if (v.indexOf(',') < 0) {
            return false;
        }
        List<String> parts = new ArrayList<>(2);
        Headers.splitList(v, parts);
        return parts.size() > 1;
    }

    private static Headers headersWithoutContentLength(List<Header> raw) {
        List<Header> copy = new ArrayList<>(raw.size());
        for (Header h : raw) {
            if (!HeaderNames.same(h.name(), HeaderNames.CONTENT_LENGTH)) {
                copy.add(h);
            }
        }
        return MessageFactory.adopt(copy);
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The index of the first {@code c} in {@code b[from, to)}, or -1. Eight bytes at a time: the
     * line scan is the parser's hottest loop.
     */
    private static int indexOf(byte[] b, int from, int to, byte c) {
        int i = from;
        long pattern = (c & 0xFFL) * ONES;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ pattern;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** True if no byte of {@code b[from, to)} has its high bit set; eight bytes at a time. */
    private static boolean isAscii(byte[] b, int from, int to) {
        int i = from;
        long acc = 0;
        for (; i + 8 <= to; i += 8) {
            acc |= (long) LONGS.get(b, i);
        }
        for (; i < to; i++) {
            acc |= b[i];
        }
        return (acc & HIGHS) == 0;
    }

    private static boolean isToken(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Chars.isToken(b[i])) {
                return false;
            }
        }
        return true;
    }

    /** White space that String.strip() would remove from an ASCII value. */
    private static boolean isWhite(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x0B || c == 0x0C || (c >= 0x1C && c <= 0x1F);
    }

    private static int trimCr(byte[] b, int from, int to) {
        return to > from && b[to - 1] == '\r' ? to - 1 : to;
    }

    /** Header text is UTF-8 (RFC 3261 §7.3.1); a head known to be all ASCII is copied without checks. */
    private static String decode(boolean ascii, byte[] b, int from, int to) {
        return new String(b, from, to - from, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 32));
        for (int i = 0; i < s.length() && i < 32; i++) {
            char c = s.charAt(i);
            sb.append(c >= 32 && c < 127 ? c : '?');
        }
        return sb.toString();
    }
}
