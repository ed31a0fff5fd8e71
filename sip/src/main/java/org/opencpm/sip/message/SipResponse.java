package org.opencpm.sip.message;

/** A SIP response: status code, reason phrase, headers and body (RFC 3261 §7.2). */
public final class SipResponse extends SipMessage {

    private final int status;
    private final String reason;

    SipResponse(int status, String reason, Headers headers, byte[] body) {
        super(headers, body);
        if (status < 100 || status > 699) {
            throw new IllegalArgumentException("status code out of range: " + status);
        }
        this.status = status;
        this.reason = sanitize(reason);
    }

    public static Builder builder(int status, String reason) {
        return new Builder(status, reason);
    }

    @Override
    public boolean isRequest() {
        return false;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public boolean isProvisional() {
        return status < 200;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public boolean isFinal() {
        return status >= 200;
    }

    /** 1 for 1xx, 2 for 2xx, ... */
    public int statusClass() {
        return status / 100;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String summary() {
        String cs;
        try {
            cs = cseq().toString();
        } catch (SipParseException e) {
            cs = "?";
        }
        return status + " " + reason + " (Call-ID " + callId() + ", CSeq " + cs + ")";
    }

    /** Reason phrases may not contain CR or LF; anything else of the UTF-8 range is allowed (§25.1). */
    private static String sanitize(String reason) {
        if (reason == null) {
            return "";
        }
        if (reason.indexOf('\r') < 0 && reason.indexOf('\n') < 0) {
            return reason;
        }
        return reason.replace('\r', ' ').replace('\n', ' ');
    }

    /** The RFC 3261 §21 reason phrase of a status code (and of the extensions CPM uses). */
    public static String reasonPhrase(int status) {
        return switch (status) {
            case 100 -> "Trying";
            case 180 -> "Ringing";
            case 181 -> "Call Is Being Forwarded";
            case 182 -> "Queued";
            case 183 -> "Session Progress";
            case 200 -> "OK";
            case 202 -> "Accepted";
            case 204 -> "No Notification";
            case 300 -> "Multiple Choices";
            case 301 -> "Moved Permanently";
            case 302 -> "Moved Temporarily";
            case 305 -> "Use Proxy";
            case 380 -> "Alternative Service";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 407 -> "Proxy Authentication Required";
            case 408 -> "Request Timeout";
            case 410 -> "Gone";
            case 413 -> "Request Entity Too Large";
            case 414 -> "Request-URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Unsupported URI Scheme";
            case 420 -> "Bad Extension";
            case 421 -> "Extension Required";
            case 422 -> "Session Interval Too Small";
            case 423 -> "Interval Too Brief";
            case 480 -> "Temporarily Unavailable";
            case 481 -> "Call/Transaction Does Not Exist";
            case 482 -> "Loop Detected";
            case 483 -> "Too Many Hops";
            case 484 -> "Address Incomplete";
            case 485 -> "Ambiguous";
            case 486 -> "Busy Here";
            case 487 -> "Request Terminated";
            case 488 -> "Not Acceptable Here";
            case 489 -> "Bad Event";
            case 491 -> "Request Pending";
            case 493 -> "Undecipherable";
            case 500 -> "Server Internal Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Server Time-out";
            case 505 -> "Version Not Supported";
            case 513 -> "Message Too Large";
            case 600 -> "Busy Everywhere";
            case 603 -> "Decline";
            case 604 -> "Does Not Exist Anywhere";
            case 606 -> "Not Acceptable";
            default -> switch (status / 100) {
                case 1 -> "Progress";
                case 2 -> "Success";
                case 3 -> "Redirection";
                case 4 -> "Client Error";
                case 5 -> "Server Error";
                default -> "Global Failure";
            };
        };
    }

    /** Builds a {@link SipResponse}. */
    public static final class Builder extends SipMessage.Builder<Builder> {
        private int status;
        private String reason;

        Builder(int status, String reason) {
            this.status = status;
            this.reason = reason == null ? reasonPhrase(status) : reason;
        }

        Builder(SipResponse r) {
            super(r.headers(), r.body());
            this.ascii = r.asciiHead;
            this.status = r.status;
            this.reason = r.reason;
        }

        public Builder status(int s, String r) {
            this.status = s;
            this.reason = r;
            return this;
        }

        public SipResponse build() {
            SipResponse r = new SipResponse(status, reason, builtHeaders(), body);
            r.asciiHead = ascii && org.opencpm.sip.internal.grammar.Chars.isAscii(r.reason());
            return r;
        }
    }
}
