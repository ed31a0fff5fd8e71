package org.opencpm.msrp.cpim;

/**
 * A {@code message/cpim} body that does not follow RFC 3862 closely enough to be used.
 *
 * <p>{@link #reason()} is the coarse key a procedure acts on (a PF answers a SIP MESSAGE with 400,
 * an MSRP endpoint answers 400 or sends a failure REPORT); {@link #offset()} is the byte offset in
 * the parsed body where the problem was found, for the log line.
 */
public final class CpimParseException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the body was refused. */
    public enum Reason {
        /** The CPIM or MIME header block does not end with an empty line. */
        MISSING_EMPTY_LINE,
        /** A header line has no colon, an illegal name, or a folded continuation where none is allowed. */
        MALFORMED_HEADER,
        /** Header bytes are not valid UTF-8, or a value contains control characters. */
        INVALID_CHARACTERS,
        /** A reserved header (From, To, cc, DateTime, NS, Subject) has a value its grammar does not allow. */
        INVALID_HEADER_VALUE,
        /** A header that may appear once (From, DateTime, Content-Length, Content-Type) appears twice. */
        DUPLICATE_HEADER,
        /** The inner Content-Length is not a number, or claims more bytes than the body holds. */
        INVALID_CONTENT_LENGTH,
        /** The content cannot be decoded with its Content-Transfer-Encoding. */
        INVALID_TRANSFER_ENCODING
    }

    private final Reason reason;
    private final int offset;

    /**
     * Creates the exception.
     *
     * @param reason the coarse key
     * @param message the detail for the log
     * @param offset byte offset in the body, or -1 when it does not apply
     */
    public CpimParseException(Reason reason, String message, int offset) {
        super(offset >= 0 ? message + " (at byte " + offset + ")" : message);
        this.reason = reason;
        this.offset = offset;
    }

    /** The coarse key: why the body was refused. */
    public Reason reason() {
        return reason;
    }

    /** The byte offset in the parsed body where the problem was found, or -1. */
    public int offset() {
        return offset;
    }
}
