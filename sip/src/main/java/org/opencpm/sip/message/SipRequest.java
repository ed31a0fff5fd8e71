package org.opencpm.sip.message;

import java.util.Objects;

/**
 * A SIP request: method, Request-URI, headers and body (RFC 3261 §7.1).
 *
 * <pre>{@code
 * SipRequest invite = SipRequest.builder("INVITE", SipUri.parse("sip:bob@example.com"))
 *     .add("Via", "SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK776")
 *     ...
 *     .build();
 * SipResponse ringing = invite.createResponse(180);
 * }</pre>
 */
public final class SipRequest extends SipMessage {

    public static final String INVITE = "INVITE";
    public static final String ACK = "ACK";
    public static final String BYE = "BYE";
    public static final String CANCEL = "CANCEL";
    public static final String OPTIONS = "OPTIONS";
    public static final String REGISTER = "REGISTER";
    public static final String MESSAGE = "MESSAGE";
    public static final String SUBSCRIBE = "SUBSCRIBE";
    public static final String NOTIFY = "NOTIFY";
    public static final String REFER = "REFER";
    public static final String UPDATE = "UPDATE";
    public static final String INFO = "INFO";
    public static final String PRACK = "PRACK";
    public static final String PUBLISH = "PUBLISH";

    private final String method;
    private final Uri requestUri;

    SipRequest(String method, Uri requestUri, Headers headers, byte[] body) {
        super(headers, body);
        this.method = Objects.requireNonNull(method, "method");
        this.requestUri = Objects.requireNonNull(requestUri, "requestUri");
    }

    public static Builder builder(String method, Uri requestUri) {
        return new Builder(method, requestUri);
    }

    @Override
    public boolean isRequest() {
        return true;
    }

    /** The method, case-sensitive as RFC 3261 §7.1 says. */
    public String method() {
        return method;
    }

    public boolean isMethod(String m) {
        return method.equals(m);
    }

    public Uri requestUri() {
        return requestUri;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A response with the default reason phrase; see {@link #createResponse(int, String)}. */
    public SipResponse createResponse(int status) {
        return createResponse(status, SipResponse.reasonPhrase(status));
    }

    /**
     * A response to this request per RFC 3261 §8.2.6.2: Via (all values, in order), From, To,
     * Call-ID and CSeq copied; Timestamp copied for a 100 (§8.2.6.1). The To tag is the caller's
     * business (the transaction user adds it).
     */
    public SipResponse createResponse(int status, String reason) {
        SipResponse.Builder b = SipResponse.builder(status, reason);
        b.ascii = asciiHead;
        for (Header h : headers().all()) {
            String n = h.name();
            if (n.equals(HeaderNames.VIA) || n.equals(HeaderNames.FROM) || n.equals(HeaderNames.TO)
                    || n.equals(HeaderNames.CALL_ID) || n.equals(HeaderNames.CSEQ)
                    || (status == 100 && n.equals(HeaderNames.TIMESTAMP))) {
                b.headers.add(h);
            }
        }
        return b.build();
    }

    @Override
    public String summary() {
        String cs;
        try {
            cs = cseq().toString();
        } catch (SipParseException e) {
            cs = "?";
        }
        return method + " " + requestUri + " (Call-ID " + callId() + ", CSeq " + cs + ")";
    }

    /** Builds a {@link SipRequest}; obtained from {@link SipRequest#builder} or {@link SipRequest#toBuilder}. */
    public static final class Builder extends SipMessage.Builder<Builder> {
        private String method;
        private Uri requestUri;

        Builder(String method, Uri requestUri) {
            this.method = method;
            this.requestUri = requestUri;
        }

        Builder(SipRequest r) {
            super(r.headers(), r.body());
            this.ascii = r.asciiHead;
            this.method = r.method;
            this.requestUri = r.requestUri;
        }

        public Builder method(String m) {
            this.method = m;
            return this;
        }

        public Builder requestUri(Uri uri) {
            this.requestUri = uri;
            return this;
        }

        public Uri requestUri() {
            return requestUri;
        }

        public SipRequest build() {
            SipRequest r = new SipRequest(method, requestUri, builtHeaders(), body);
            r.asciiHead = ascii && org.opencpm.sip.internal.grammar.Chars.isAscii(method)
                    && org.opencpm.sip.internal.grammar.Chars.isAscii(requestUri.toString());
            return r;
        }
    }
}
