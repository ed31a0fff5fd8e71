package org.opencpm.sip.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.opencpm.sip.internal.grammar.Chars;

/**
 * A multipart body (RFC 2046 §5.1): the parts of a {@code multipart/mixed} or {@code multipart/related}
 * body, each with its own header fields and bytes. CPM uses multipart/mixed for an INVITE carrying
 * SDP and a resource list (RFC 5366 §4) and multipart/related for CPIM with its payload parts.
 *
 * <pre>
 * multipart-body    = [preamble CRLF] dash-boundary transport-padding CRLF body-part *encapsulation
 *                     close-delimiter transport-padding [CRLF epilogue]
 * encapsulation     = delimiter transport-padding CRLF body-part
 * delimiter         = CRLF dash-boundary          ; dash-boundary = "--" boundary
 * close-delimiter   = delimiter "--"
 * body-part         = MIME-part-headers [CRLF *OCTET]
 * boundary          = 0*69&lt;bchars&gt; bcharsnospace  ; 1 to 70 characters
 * </pre>
 *
 * <p>{@link #parse} takes the CRLF before a delimiter as part of the delimiter, so a part's bytes
 * are exactly what lies between; a line that merely starts with the boundary text is body, not a
 * delimiter. Bare LF line ends are accepted on input; output always uses CRLF. Parts are binary
 * safe (mpart01 of RFC 4475 carries 0x00 octets). At most {@link #MAX_PARTS} parts are read.
 *
 * <p>Build a body with {@link #builder(String)}; the boundary is chosen so that it occurs in no part.
 */
public final class MultipartBody {

    /** More parts than this is refused: no CPM body needs them, and each costs memory. */
    public static final int MAX_PARTS = 64;

    private static final byte[] CRLF = {'\r', '\n'};

    /** One body part: its header fields (names canonical) and its bytes. */
    public record Part(List<Header> headers, byte[] body) {

        public Part {
            headers = List.copyOf(headers);
            body = Objects.requireNonNull(body);
        }

        /** A part with a Content-Type and bytes. */
        public static Part of(ContentType type, byte[] body) {
            return new Part(List.of(new Header(HeaderNames.CONTENT_TYPE, type.toString())), body);
        }

        /** A part with a Content-Type and UTF-8 text. */
        public static Part of(String contentType, String text) {
            return new Part(List.of(new Header(HeaderNames.CONTENT_TYPE, contentType)), text.getBytes(StandardCharsets.UTF_8));
        }

        /** A copy with a header field appended (Content-ID, Content-Disposition, ...). */
        public Part with(String name, String value) {
            List<Header> h = new ArrayList<>(headers);
            h.add(new Header(HeaderNames.canonical(name), value));
            return new Part(h, body);
        }

        /** The first value of a header, or null. */
        public String header(String name) {
            String n = HeaderNames.canonical(name);
            for (Header h : headers) {
                if (h.name().equalsIgnoreCase(n)) {
                    return h.value();
                }
            }
            return null;
        }

        /** The Content-Type; RFC 2046 §5.1 defaults to text/plain when a part has none. */
        public ContentType contentType() {
            String v = header(HeaderNames.CONTENT_TYPE);
            return v == null ? ContentType.TEXT_PLAIN : ContentType.parse(v);
        }

        public String bodyAsString() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Part p && headers.equals(p.headers) && Arrays.equals(body, p.body);
        }

        @Override
        public int hashCode() {
            return 31 * headers.hashCode() + Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return "Part" + headers + " (" + body.length + " bytes)";
        }
    }

    private final ContentType contentType;
    private final List<Part> parts;

    private MultipartBody(ContentType contentType, List<Part> parts) {
        this.contentType = contentType;
        this.parts = List.copyOf(parts);
    }

    /**
     * Splits a multipart body into its parts.
     *
     * @throws SipParseException "Bad multipart body: ..." naming the fault
     */
    public static MultipartBody parse(ContentType type, byte[] body) {
        if (!type.isMultipart()) {
            throw bad("not a multipart type: " + type.mediaType(), 0);
        }
        String boundary = type.boundary();
        if (boundary == null) {
            throw bad("no boundary parameter", 0);
        }
        checkBoundary(boundary);
        byte[] dash = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int p = findDelimiter(body, 0, dash, true);
        if (p < 0) {
            throw bad("missing first boundary", 0);
        }
        p += dash.length;
        List<Part> parts = new ArrayList<>(4);
        while (true) {
            if (startsWith(body, p, "--")) {
                return new MultipartBody(type, parts); // close-delimiter; the epilogue is ignored
            }
            p = endOfDelimiterLine(body, p);
            if (parts.size() == MAX_PARTS) {
                throw bad("more than " + MAX_PARTS + " parts", p);
            }
            int next = findDelimiter(body, p, dash, false);
            if (next < 0) {
                throw bad("missing close delimiter", body.length);
            }
            // next points at CRLF (or LF) that starts the delimiter: the part ends there.
            parts.add(parsePart(body, p, next));
            p = next + (body[next] == '\r' ? 2 : 1) + dash.length;
        }
    }

    /** RFC 2046 §5.1.1: 1 to 70 bchars, not ending in a space. */
    private static void checkBoundary(String b) {
        if (b.isEmpty() || b.length() > 70 || b.charAt(b.length() - 1) == ' ') {
            throw bad("boundary must have 1 to 70 characters and not end in a space", 0);
        }
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (!(Chars.isAlpha(c) || Chars.isDigit(c) || "'()+_,-./:=? ".indexOf(c) >= 0)) {
                throw bad("illegal character in boundary", 0);
            }
        }
    }

    /**
     * The index of the next delimiter at or after {@code from}: of its leading CRLF (or LF), or, for
     * the first one, of the dash-boundary itself when it starts the body. A candidate must be
     * followed by "--", white space or a line end, else it is only text that begins like the boundary.
     */
    private static int findDelimiter(byte[] b, int from, byte[] dash, boolean first) {
        if (first && startsWith(b, from, dash) && isDelimiterEnd(b, from + dash.length)) {
            return from;
        }
        for (int i = from; i < b.length; i++) {
            if (b[i] != '\n') {
                continue;
            }
            if (startsWith(b, i + 1, dash) && isDelimiterEnd(b, i + 1 + dash.length)) {
                int start = i > from && b[i - 1] == '\r' ? i - 1 : i;
                return first ? i + 1 : start;
            }
        }
        return -1;
    }

    private static boolean isDelimiterEnd(byte[] b, int p) {
        return p >= b.length || b[p] == '\r' || b[p] == '\n' || b[p] == ' ' || b[p] == '\t' || startsWith(b, p, "--");
    }

    /** Skips transport-padding and the CRLF ending a delimiter line; returns where the part starts. */
    private static int endOfDelimiterLine(byte[] b, int p) {
        while (p < b.length && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        if (p < b.length && b[p] == '\r') {
            p++;
        }
        if (p < b.length && b[p] == '\n') {
            return p + 1;
        }
        throw bad("text after boundary", p);
    }

    private static Part parsePart(byte[] b, int start, int end) {
        List<Header> headers = new ArrayList<>(3);
        int p = start;
        String pending = null;
        while (true) {
            if (p >= end) {
                // A part without the empty line: headers only, no body (body-part = MIME-part-headers).
                if (pending != null) {
                    headers.add(header(pending, start));
                }
                return new Part(headers, new byte[0]);
            }
            int eol = p;
            while (eol < end && b[eol] != '\n') {
                eol++;
            }
            int lineEnd = eol > p && b[eol - 1] == '\r' ? eol - 1 : eol;
            String line = new String(b, p, lineEnd - p, StandardCharsets.UTF_8);
            int next = Math.min(eol + 1, end);
            if (line.isEmpty()) {
                if (pending != null) {
                    headers.add(header(pending, start));
                }
                return new Part(headers, Arrays.copyOfRange(b, next, end));
            }
            if (Chars.isWsp(line.charAt(0))) {
                if (pending == null) {
                    throw bad("part header starts with white space", p);
                }
                pending = pending + " " + line.strip();
            } else {
                if (pending != null) {
                    headers.add(header(pending, start));
                }
                pending = line;
            }
            p = eol >= end ? end : eol + 1;
        }
    }

    private static Header header(String line, int offset) {
        int colon = line.indexOf(':');
        String name = colon > 0 ? line.substring(0, colon).strip() : "";
        if (!Chars.isToken(name)) {
            throw bad("bad part header line", offset);
        }
        return new Header(HeaderNames.canonical(name), line.substring(colon + 1).strip());
    }

    private static boolean startsWith(byte[] b, int p, byte[] prefix) {
        if (p < 0 || p + prefix.length > b.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[p + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int p, String prefix) {
        return startsWith(b, p, prefix.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static SipParseException bad(String detail, int offset) {
        return new SipParseException("Bad multipart body: " + detail, offset);
    }

    /** The Content-Type of the whole body, boundary included. */
    public ContentType contentType() {
        return contentType;
    }

    public List<Part> parts() {
        return parts;
    }

    /** The first part whose Content-Type is {@code mediaType} ("application/sdp"), or null. */
    public Part first(String mediaType) {
        for (Part p : parts) {
            if (p.contentType().is(mediaType)) {
                return p;
            }
        }
        return null;
    }

    /** The body bytes: each part after {@code --boundary CRLF}, then {@code CRLF --boundary-- CRLF}. */
    public byte[] toBytes() {
        byte[] dash = ("--" + contentType.boundary()).getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.writeBytes(CRLF);
            }
            out.writeBytes(dash);
            out.writeBytes(CRLF);
            Part part = parts.get(i);
            for (Header h : part.headers()) {
                out.writeBytes((h.name() + ": " + h.value()).getBytes(StandardCharsets.UTF_8));
                out.writeBytes(CRLF);
            }
            out.writeBytes(CRLF);
            out.writeBytes(part.body());
        }
        out.writeBytes(CRLF);
        out.writeBytes(dash);
        out.writeBytes(new byte[] {'-', '-'});
        out.writeBytes(CRLF);
        return out.toByteArray();
    }

    /** A builder of a {@code multipart/<subtype>} body ("mixed", "related"). */
    public static Builder builder(String subtype) {
        return new Builder(subtype);
    }

    /** Builds a multipart body; the boundary is random unless set, and never occurs in a part. */
    public static final class Builder {
        private static final SecureRandom RANDOM = new SecureRandom();

        private ContentType type;
        private String boundary;
        private final List<Part> parts = new ArrayList<>(4);

        private Builder(String subtype) {
            this.type = ContentType.of("multipart", subtype);
        }

        public Builder boundary(String b) {
            checkBoundary(b);
            this.boundary = b;
            return this;
        }

        /** A Content-Type parameter other than boundary ({@code type="message/cpim"} for multipart/related). */
        public Builder param(String name, String value) {
            type = type.withParam(name, value);
            return this;
        }

        public Builder part(Part p) {
            if (parts.size() == MAX_PARTS) {
                throw new IllegalStateException("more than " + MAX_PARTS + " parts");
            }
            parts.add(p);
            return this;
        }

        public Builder part(ContentType type, byte[] body) {
            return part(Part.of(type, body));
        }

        public Builder part(String contentType, String text) {
            return part(Part.of(contentType, text));
        }

        public MultipartBody build() {
            if (parts.isEmpty()) {
                throw new IllegalStateException("a multipart body needs a part");
            }
            String b = boundary;
            while (b == null || occursInParts(b)) {
                if (boundary != null) {
                    throw new IllegalStateException("boundary occurs in a part: " + boundary);
                }
                b = "opencpm-" + Long.toHexString(RANDOM.nextLong() | Long.MIN_VALUE);
            }
            return new MultipartBody(type.withParam("boundary", b), parts);
        }

        private boolean occursInParts(String b) {
            byte[] dash = ("--" + b).getBytes(StandardCharsets.ISO_8859_1);
            for (Part p : parts) {
                for (int i = 0; i + dash.length <= p.body().length; i++) {
                    if (startsWith(p.body(), i, dash)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
