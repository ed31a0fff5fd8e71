package org.opencpm.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.opencpm.sip.codec.SipMessageWriter;

/**
 * An immutable SIP message: a {@link SipRequest} or a {@link SipResponse} (RFC 3261 §7).
 *
 * <p>Header values are kept as text and parsed on first typed access ({@link #topVia()},
 * {@link #cseq()}, {@link #from()}, ...); a malformed value throws {@link SipParseException} on
 * access. Messages that come from the parser have had the headers every request and response needs
 * validated already, so these accessors do not throw for them. {@code Content-Length} is not
 * kept among the headers: it is a framing fact, always written from the body's length.
 *
 * <p>Change a message through {@link SipRequest#toBuilder()} / {@link SipResponse#toBuilder()}.
 */
public abstract sealed class SipMessage permits SipRequest, SipResponse {

    private static final byte[] NO_BODY = new byte[0];

    private final Headers headers;
    private final byte[] body;

    // Typed views, parsed on first use. Racy single-check caching is safe: the values are immutable.
    private Via topVia;
    private CSeq cseq;
    private Address from;
    private Address to;
    /** True if the start line and every header are US-ASCII, so the writer may copy them byte for byte. */
    boolean asciiHead;
    private List<Address> contacts;
    private List<Address> routes;
    private List<Address> recordRoutes;

    SipMessage(Headers headers, byte[] body) {
        this.headers = headers;
        this.body = body == null ? NO_BODY : body;
    }

    /** Caches typed values the parser has already produced while validating. */
    void prime(Via topVia, CSeq cseq, Address from, Address to) {
        this.topVia = topVia;
        this.cseq = cseq;
        this.from = from;
        this.to = to;
    }

    public abstract boolean isRequest();

    public Headers headers() {
        return headers;
    }

    /** The first value of the header, or null. For list headers, the whole first field. */
    public String header(String name) {
        return headers.first(name);
    }

    /** All values of the header, list headers split at commas. */
    public List<String> headerValues(String name) {
        return headers.values(name);
    }

    /**
     * The first field of the header parsed by {@code parser} (e.g. {@code m.headerAs("Reason", Reason::parseList)},
     * {@code m.headerAs("Session-Expires", SessionExpires::parse)}), or null if absent.
     *
     * @throws SipParseException if the value does not parse
     */
    public <T> T headerAs(String name, java.util.function.Function<String, T> parser) {
        String v = headers.first(name);
        return v == null ? null : parser.apply(v);
    }

    /** The Content-Type, typed, or null if the message has none. */
    public ContentType typedContentType() {
        return headerAs(HeaderNames.CONTENT_TYPE, ContentType::parse);
    }

    public boolean hasHeader(String name) {
        return headers.has(name);
    }

    /** The body bytes. The array is the message's own: do not modify it. */
    public byte[] body() {
        return body;
    }

    public int contentLength() {
        return body.length;
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The Content-Type value, or null. */
    public String contentType() {
        return headers.first(HeaderNames.CONTENT_TYPE);
    }

    public String callId() {
        return headers.first(HeaderNames.CALL_ID);
    }

    public CSeq cseq() {
        CSeq c = cseq;
        if (c == null) {
            String v = require(HeaderNames.CSEQ);
            cseq = c = CSeq.parse(v);
        }
        return c;
    }

    public Via topVia() {
        Via v = topVia;
        if (v == null) {
            List<String> vias = headers.values(HeaderNames.VIA);
            if (vias.isEmpty()) {
                throw new SipParseException("Missing Via");
            }
            topVia = v = Via.parse(vias.get(0));
        }
        return v;
    }

    public List<Via> vias() {
        return headers.parsed(HeaderNames.VIA, Via::parse);
    }

    public Address from() {
        Address a = from;
        if (a == null) {
            from = a = Address.parse(require(HeaderNames.FROM), "From");
        }
        return a;
    }

    public Address to() {
        Address a = to;
        if (a == null) {
            to = a = Address.parse(require(HeaderNames.TO), "To");
        }
        return a;
    }

    public List<Address> contacts() {
        List<Address> c = contacts;
        if (c == null) {
            contacts = c = List.copyOf(headers.parsed(HeaderNames.CONTACT, v -> Address.parse(v, "Contact")));
        }
        return c;
    }

    public List<Address> routes() {
        List<Address> r = routes;
        if (r == null) {
            routes = r = List.copyOf(headers.parsed(HeaderNames.ROUTE, v -> Address.parse(v, "Route")));
        }
        return r;
    }

    public List<Address> recordRoutes() {
        List<Address> r = recordRoutes;
        if (r == null) {
            recordRoutes = r = List.copyOf(headers.parsed(HeaderNames.RECORD_ROUTE, v -> Address.parse(v, "Record-Route")));
        }
        return r;
    }

    /** Caches the address lists the parser has already parsed while validating. */
    void primeAddresses(List<Address> contacts, List<Address> routes, List<Address> recordRoutes) {
        this.contacts = contacts;
        this.routes = routes;
        this.recordRoutes = recordRoutes;
    }

    /** Max-Forwards, or -1 if absent. */
    public int maxForwards() {
        String v = headers.first(HeaderNames.MAX_FORWARDS);
        if (v == null) {
            return -1;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0 || n > 255) {
                throw new SipParseException("Bad Max-Forwards");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new SipParseException("Bad Max-Forwards");
        }
    }

    /** The Expires header in seconds, or -1 if absent; values beyond 2**32-1 read as 2**32-1 (RFC 3261 §20.19). */
    public long expires() {
        String v = headers.first(HeaderNames.EXPIRES);
        if (v == null) {
            return -1;
        }
        return parseDeltaSeconds(v.trim(), "Expires");
    }

    /** delta-seconds = 1*DIGIT, capped at 2**32-1. */
    public static long parseDeltaSeconds(String v, String what) {
        if (v.isEmpty()) {
            throw new SipParseException(what.startsWith("Bad ") ? what : "Bad " + what);
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                throw new SipParseException(what.startsWith("Bad ") ? what : "Bad " + what);
            }
        }
        return v.length() > 10 ? 0xFFFFFFFFL : Math.min(Long.parseLong(v), 0xFFFFFFFFL);
    }

    private String require(String name) {
        String v = headers.first(name);
        if (v == null) {
            throw new SipParseException("Missing " + name);
        }
        return v;
    }

    /** The message as it is written on the wire. */
    public byte[] toBytes() {
        return SipMessageWriter.toBytes(this);
    }

    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }

    /** A short description for logs: method or status, Call-ID and CSeq. */
    public abstract String summary();

    /** Common builder of requests and responses: an ordered header list and a body. */
    @SuppressWarnings("unchecked")
    public abstract static class Builder<B extends Builder<B>> {
        final List<Header> headers;
        byte[] body;
        /** Whether every header field so far is US-ASCII (see {@link SipMessage#asciiHead}). */
        boolean ascii = true;

        Builder(Headers from, byte[] body) {
            this.headers = new ArrayList<>(from.size() + 4);
            this.headers.addAll(from.all());
            this.body = body;
        }

        Builder() {
            this.headers = new ArrayList<>(12);
        }

        Header track(Header h) {
            ascii = ascii && org.opencpm.sip.internal.grammar.Chars.isAscii(h.name())
                    && org.opencpm.sip.internal.grammar.Chars.isAscii(h.value());
            return h;
        }

        /** Appends a header field after all others. */
        public B add(String name, Object value) {
            headers.add(track(new Header(HeaderNames.canonical(name), String.valueOf(value))));
            return (B) this;
        }

        /** Inserts a header field before the first field of the same name, or at the top (for Via, Record-Route, Route). */
        public B addFirst(String name, Object value) {
            String n = HeaderNames.canonical(name);
            int at = 0;
            for (int i = 0; i < headers.size(); i++) {
                if (HeaderNames.same(headers.get(i).name(), n)) {
                    at = i;
                    break;
                }
            }
            headers.add(at, track(new Header(n, String.valueOf(value))));
            return (B) this;
        }

        /** Replaces every field of this name by one field with {@code value} (null removes them), kept in place. */
        public B set(String name, Object value) {
            String n = HeaderNames.canonical(name);
            int at = -1;
            for (int i = headers.size() - 1; i >= 0; i--) {
                if (HeaderNames.same(headers.get(i).name(), n)) {
                    headers.remove(i);
                    at = i;
                }
            }
            if (value != null) {
                Header h = track(new Header(n, String.valueOf(value)));
                if (at >= 0) {
                    headers.add(at, h);
                } else {
                    headers.add(h);
                }
            }
            return (B) this;
        }

        public B remove(String name) {
            return set(name, null);
        }

        /**
         * Removes the first value of a list header: the first element of the first field, leaving the
         * rest of a comma-separated field in place (for popping a Route or a Via).
         */
        public B removeFirstValue(String name) {
            String n = HeaderNames.canonical(name);
            for (int i = 0; i < headers.size(); i++) {
                Header h = headers.get(i);
                if (HeaderNames.same(h.name(), n)) {
                    List<String> parts = new ArrayList<>(2);
                    Headers.splitList(h.value(), parts);
                    if (parts.size() <= 1) {
                        headers.remove(i);
                    } else {
                        headers.set(i, new Header(n, String.join(", ", parts.subList(1, parts.size()))));
                    }
                    break;
                }
            }
            return (B) this;
        }

        /** The values of a header as set so far, list headers split. */
        public List<String> values(String name) {
            return Headers.wrap(headers).values(name);
        }

        public String first(String name) {
            return Headers.wrap(headers).first(name);
        }

        /** Sets the body and its Content-Type. */
        public B body(String contentType, byte[] bytes) {
            set(HeaderNames.CONTENT_TYPE, contentType);
            this.body = bytes;
            return (B) this;
        }

        public B body(String contentType, String text) {
            return body(contentType, text.getBytes(StandardCharsets.UTF_8));
        }

        /** Removes the body and its Content-Type. */
        public B noBody() {
            remove(HeaderNames.CONTENT_TYPE);
            this.body = null;
            return (B) this;
        }

        Headers builtHeaders() {
            List<Header> copy = new ArrayList<>(headers.size());
            for (Header h : headers) {
                if (!h.name().equalsIgnoreCase(HeaderNames.CONTENT_LENGTH)) {
                    copy.add(h);
                }
            }
            return Headers.wrap(copy);
        }
    }
}
