package org.opencpm.msrp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.opencpm.msrp.internal.grammar.HeaderGrammar;
import org.opencpm.msrp.internal.grammar.UriGrammar;

/**
 * An MSRP request (RFC 4975 §7.1): SEND, REPORT, or a method this stack does not know, kept as it came.
 *
 * <p>A request may carry a body ({@code content-stuff} of the §9 grammar); {@link #hasBody()} is false for
 * a bodiless SEND (§7.1, used to bind a connection and as a keep-alive) and for most REPORTs. The body is
 * copied in and out, so the message is immutable; {@link #bodyBuffer()} gives a read-only view without a
 * copy. Build one with {@link #builder(String)}:
 *
 * <pre>{@code
 * MsrpRequest send = MsrpRequest.builder(MsrpRequest.SEND)
 *         .transactionId("a786hjs2")
 *         .toPath(List.of(remote)).fromPath(List.of(local))
 *         .header(MsrpHeaders.MESSAGE_ID, "87652491")
 *         .byteRange(ByteRange.whole(body.length))
 *         .body("text/plain", body)
 *         .build();
 * }</pre>
 */
public final class MsrpRequest implements MsrpMessage {

    public static final String SEND = "SEND";
    public static final String REPORT = "REPORT";

    private final String transactionId;
    private final String method;
    private final MsrpHeaders headers;
    private final byte[] body;
    private final ContinuationFlag flag;
    // Parsed on first use; racy single-check is safe because the lists are immutable.
    private List<MsrpUri> toPath;
    private List<MsrpUri> fromPath;

    private MsrpRequest(Builder b) {
        this.transactionId = b.transactionId;
        this.method = b.method;
        this.headers = b.orderedHeaders();
        this.body = b.body;
        this.flag = b.flag;
    }

    /** A builder for a request with {@code method}, which must be an RFC 4975 token such as {@link #SEND}. */
    public static Builder builder(String method) {
        return new Builder(method);
    }

    /** A builder holding this request's values. */
    public Builder toBuilder() {
        Builder b = new Builder(method).transactionId(transactionId).flag(flag);
        b.headers.addAll(headers.fields());
        b.body = body;
        return b;
    }

    @Override
    public String transactionId() {
        return transactionId;
    }

    @Override
    public List<MsrpUri> toPath() {
        List<MsrpUri> p = toPath;
        if (p == null) {
            p = HeaderGrammar.path(headers, MsrpHeaders.TO_PATH);
            toPath = p;
        }
        return p;
    }

    @Override
    public List<MsrpUri> fromPath() {
        List<MsrpUri> p = fromPath;
        if (p == null) {
            p = HeaderGrammar.path(headers, MsrpHeaders.FROM_PATH);
            fromPath = p;
        }
        return p;
    }

    public String method() {
        return method;
    }

    public boolean isSend() {
        return SEND.equals(method);
    }

    public boolean isReport() {
        return REPORT.equals(method);
    }

    @Override
    public MsrpHeaders headers() {
        return headers;
    }

    /** True if the request has a content-stuff part (Content-Type and body, possibly empty). */
    public boolean hasBody() {
        return body != null;
    }

    /** A copy of the body; empty if there is none. */
    public byte[] body() {
        return body == null ? new byte[0] : body.clone();
    }

    /** A read-only view of the body, without a copy; empty if there is none. */
    public ByteBuffer bodyBuffer() {
        return body == null ? ByteBuffer.allocate(0).asReadOnlyBuffer() : ByteBuffer.wrap(body).asReadOnlyBuffer();
    }

    public int bodyLength() {
        return body == null ? 0 : body.length;
    }

    public ContinuationFlag continuationFlag() {
        return flag;
    }

    /** The Message-ID header, or {@code null}. */
    public String messageId() {
        return headers.get(MsrpHeaders.MESSAGE_ID);
    }

    /** The Content-Type header, or {@code null}. */
    public String contentType() {
        return headers.get(MsrpHeaders.CONTENT_TYPE);
    }

    /**
     * The Byte-Range header; when absent, the chunk is the whole message (RFC 4975 §7.1.1) if this is its
     * last chunk, and {@code 1-*}{@code /*} otherwise.
     */
    public ByteRange byteRange() {
        String value = headers.get(MsrpHeaders.BYTE_RANGE);
        if (value != null) {
            return HeaderGrammar.byteRange(value);
        }
        return flag == ContinuationFlag.COMPLETE ? ByteRange.whole(bodyLength())
                : new ByteRange(1, ByteRange.UNKNOWN, ByteRange.UNKNOWN);
    }

    /** Success-Report: {@code yes} → true; absent or {@code no} → false (RFC 4975 §7.1.2). */
    public boolean successReport() {
        String value = headers.get(MsrpHeaders.SUCCESS_REPORT);
        return value != null && HeaderGrammar.yesNo(value, MsrpHeaders.SUCCESS_REPORT);
    }

    /** Failure-Report; {@link FailureReport#YES} when absent. A REPORT is treated as {@code no} (§7.1.2). */
    public FailureReport failureReport() {
        if (isReport()) {
            return FailureReport.NO;
        }
        String value = headers.get(MsrpHeaders.FAILURE_REPORT);
        return value == null ? FailureReport.YES : HeaderGrammar.failureReport(value);
    }

    /** The Status header of a REPORT, or {@code null}. */
    public MsrpStatus status() {
        String value = headers.get(MsrpHeaders.STATUS);
        return value == null ? null : HeaderGrammar.status(value);
    }

    /**
     * A response to this request, addressed as RFC 4975 §7.2 says: To-Path is the previous hop (the first
     * From-Path URI), From-Path is this hop (the first To-Path URI).
     *
     * @param comment the reason text, or {@code null} for the default comment of {@code code}
     */
    public MsrpResponse createResponse(int code, String comment) {
        // Validates both paths, then copies the first URI of each as written (no re-formatting).
        fromPath();
        toPath();
        MsrpHeaders paths = MsrpHeaders.EMPTY
                .with(MsrpHeaders.TO_PATH, firstUri(headers.get(MsrpHeaders.FROM_PATH)))
                .with(MsrpHeaders.FROM_PATH, firstUri(headers.get(MsrpHeaders.TO_PATH)));
        return new MsrpResponse(transactionId, code, comment == null ? MsrpStatusCodes.defaultComment(code) : comment,
                paths);
    }

    private static String firstUri(String path) {
        String p = path.strip();
        int space = p.indexOf(' ');
        int tab = p.indexOf('\t');
        int end = space < 0 ? tab : tab < 0 ? space : Math.min(space, tab);
        return end < 0 ? p : p.substring(0, end);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MsrpRequest)) {
            return false;
        }
        MsrpRequest r = (MsrpRequest) o;
        return r.transactionId.equals(transactionId) && r.method.equals(method) && r.flag == flag
                && r.headers.equals(headers) && Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(transactionId, method, flag);
    }

    @Override
    public String toString() {
        return "MSRP " + transactionId + " " + method + " " + headers + " body=" + bodyLength() + flag.symbol();
    }

    /**
     * Builds a {@link MsrpRequest}; To-Path and From-Path are written first and Content-Type last, as RFC 4975
     * §7.1 requires, whatever order they were set in.
     */
    public static final class Builder {
        private final String method;
        private String transactionId;
        private final List<MsrpHeaders.Field> headers = new ArrayList<>();
        private byte[] body;
        private ContinuationFlag flag = ContinuationFlag.COMPLETE;

        private Builder(String method) {
            if (!HeaderGrammar.isToken(method)) {
                throw new IllegalArgumentException("not a method token: " + method);
            }
            this.method = method;
        }

        public Builder transactionId(String id) {
            if (!HeaderGrammar.isTransactionId(id)) {
                throw new IllegalArgumentException("not a transact-id: " + id);
            }
            this.transactionId = id;
            return this;
        }

        public Builder toPath(List<MsrpUri> path) {
            return header(MsrpHeaders.TO_PATH, UriGrammar.formatPath(path));
        }

        public Builder fromPath(List<MsrpUri> path) {
            return header(MsrpHeaders.FROM_PATH, UriGrammar.formatPath(path));
        }

        public Builder messageId(String id) {
            return header(MsrpHeaders.MESSAGE_ID, id);
        }

        public Builder byteRange(ByteRange range) {
            return header(MsrpHeaders.BYTE_RANGE, range.wireValue());
        }

        public Builder successReport(boolean yes) {
            return header(MsrpHeaders.SUCCESS_REPORT, yes ? "yes" : "no");
        }

        public Builder failureReport(FailureReport value) {
            return header(MsrpHeaders.FAILURE_REPORT, value.wireValue());
        }

        public Builder status(MsrpStatus status) {
            return header(MsrpHeaders.STATUS, status.wireValue());
        }

        /** Sets {@code name} to {@code value}, replacing an earlier value of that name. */
        public Builder header(String name, String value) {
            if (!MsrpHeaders.isKnownName(name) && !HeaderGrammar.isToken(name)) {
                throw new IllegalArgumentException("not a header name: " + name);
            }
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header value contains CR or LF: " + name);
            }
            removeHeader(name);
            headers.add(new MsrpHeaders.Field(name, value));
            return this;
        }

        /** Removes every field named {@code name}. */
        public Builder removeHeader(String name) {
            for (int i = headers.size() - 1; i >= 0; i--) {
                String n = headers.get(i).name();
                if (n == name || n.equalsIgnoreCase(name)) {
                    headers.remove(i);
                }
            }
            return this;
        }

        /** Sets Content-Type and the body (copied). */
        public Builder body(String contentType, byte[] bytes) {
            header(MsrpHeaders.CONTENT_TYPE, contentType);
            this.body = bytes.clone();
            return this;
        }

        /** Replaces all header fields with {@code raw}, kept as they are (To-Path and From-Path still go first). */
        public Builder headers(MsrpHeaders raw) {
            headers.clear();
            headers.addAll(raw.fields());
            return this;
        }

        /** Sets the body (copied) and leaves the headers as they are. */
        public Builder bodyBytes(byte[] bytes) {
            this.body = bytes.clone();
            return this;
        }

        /**
         * Sets the body without copying it: the request takes ownership of {@code bytes}, and the caller must
         * not change the array afterwards. For decoders and chunkers that just allocated it.
         */
        public Builder adoptBody(byte[] bytes) {
            this.body = java.util.Objects.requireNonNull(bytes, "bytes");
            return this;
        }

        /** Removes Content-Type and the body: the request becomes bodiless. */
        public Builder noBody() {
            removeHeader(MsrpHeaders.CONTENT_TYPE);
            this.body = null;
            return this;
        }

        public Builder flag(ContinuationFlag value) {
            this.flag = Objects.requireNonNull(value, "flag");
            return this;
        }

        public MsrpRequest build() {
            if (transactionId == null) {
                throw new IllegalStateException("transaction id not set");
            }
            return new MsrpRequest(this);
        }

        MsrpHeaders orderedHeaders() {
            List<MsrpHeaders.Field> ordered = new ArrayList<>(headers.size());
            addNamed(ordered, MsrpHeaders.TO_PATH);
            addNamed(ordered, MsrpHeaders.FROM_PATH);
            for (MsrpHeaders.Field f : headers) {
                if (!f.name().equalsIgnoreCase(MsrpHeaders.TO_PATH) && !f.name().equalsIgnoreCase(MsrpHeaders.FROM_PATH)
                        && !f.name().equalsIgnoreCase(MsrpHeaders.CONTENT_TYPE)) {
                    ordered.add(f);
                }
            }
            // RFC 4975 §7.1: "The Content-Type header field MUST be the last field in the message header section."
            addNamed(ordered, MsrpHeaders.CONTENT_TYPE);
            return MsrpHeaders.ofOwned(ordered);
        }

        private void addNamed(List<MsrpHeaders.Field> out, String name) {
            for (MsrpHeaders.Field f : headers) {
                if (f.name().equalsIgnoreCase(name)) {
                    out.add(f);
                }
            }
        }
    }
}
