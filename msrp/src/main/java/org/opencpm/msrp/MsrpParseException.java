package org.opencpm.msrp;

/**
 * MSRP input that does not follow the RFC 4975 §9 grammar or exceeds an {@link MsrpDecoderConfig} limit.
 *
 * <p>The subclasses name the kind of failure so that callers and tests can tell them apart. Each one
 * says whether it ends the connection ({@link #isFatal()}): a framing failure leaves the stream
 * position unknown, so the connection is closed; a failure inside one framed message is answered
 * with an error response (400 or 413) and the connection stays usable. {@link #offset()} is the byte
 * offset within the line or frame where the failure was detected, for the log.
 */
public class MsrpParseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int offset;
    private final boolean fatal;

    public MsrpParseException(String message, int offset, boolean fatal) {
        super(message + (offset >= 0 ? " (at offset " + offset + ")" : ""));
        this.offset = offset;
        this.fatal = fatal;
    }

    /** Byte offset of the failure within the line or frame being parsed, or -1 if unknown. */
    public int offset() {
        return offset;
    }

    /** True if the stream can no longer be framed and the connection must be closed. */
    public boolean isFatal() {
        return fatal;
    }

    /** A line (start line or header block) is longer than its limit; fatal. */
    public static final class LineTooLong extends MsrpParseException {
        private static final long serialVersionUID = 1L;

        public LineTooLong(String what, int limit) {
            super(what + " is longer than " + limit + " bytes", limit, true);
        }
    }

    /** The start line is not {@code MSRP SP transact-id SP (method / status-code [SP comment]) CRLF}; fatal. */
    public static final class InvalidStartLine extends MsrpParseException {
        private static final long serialVersionUID = 1L;

        public InvalidStartLine(String message, int offset) {
            super(message, offset, true);
        }
    }

    /** A line ends with LF alone instead of CRLF, so the stream cannot be framed; fatal. */
    public static final class BareLineFeed extends MsrpParseException {
        private static final long serialVersionUID = 1L;

        public BareLineFeed(String where, int offset) {
            super("line in " + where + " ends with LF without CR", offset, true);
        }
    }

    /** A header line or header value is malformed; the request is answered 400. */
    public static final class InvalidHeader extends MsrpParseException {
        private static final long serialVersionUID = 1L;

        public InvalidHeader(String message, int offset) {
            super(message, offset, false);
        }
    }

    /** More header fields than {@link MsrpDecoderConfig#maxHeaderCount()}; the request is answered 400. */
    public static final class TooManyHeaders extends MsrpParseException {
        private static final long serialVersionUID = 1L;

        public TooManyHeaders(int limit) {
            super("more than " + limit + " header fields", -1, false);
        }
    }

    /** A chunk body is larger than {@link MsrpDecoderConfig#maxChunkSize()}; the request is answered 413. */
    public static final class ChunkTooLarge extends MsrpParseException {
        private static final long serialVersionUID = 1L;

        public ChunkTooLarge(int limit) {
            super("chunk body is larger than " + limit + " bytes", limit, false);
        }
    }

    /** No end-line was found within {@link MsrpDecoderConfig#maxEndLineSearch()} bytes; fatal. */
    public static final class EndLineNotFound extends MsrpParseException {
        private static final long serialVersionUID = 1L;

        public EndLineNotFound(String transactionId, long searched) {
            super("no end-line for transaction " + transactionId + " after " + searched + " bytes", -1, true);
        }
    }
}
