package org.opencpm.sip.message;

/**
 * A SIP message, header or URI that does not follow the RFC 3261 grammar.
 *
 * <p>{@link #fault()} is a short phrase naming the fault, fit to be the reason phrase of the 400
 * response that answers a malformed request ("Bad Via", "Missing Call-ID", "Content-Length
 * larger than body"). {@link #offset()} is the byte or character offset at which the fault was
 * found, or -1 if none applies; it goes to the log, never to the peer.
 */
public class SipParseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String fault;
    private final int offset;

    public SipParseException(String fault, int offset) {
        super(offset >= 0 ? fault + " (at offset " + offset + ")" : fault);
        this.fault = fault;
        this.offset = offset;
    }

    public SipParseException(String fault) {
        this(fault, -1);
    }

    /** The fault as a short phrase, fit for a 400 reason phrase. */
    public String fault() {
        return fault;
    }

    /** Offset of the fault in the input, or -1. */
    public int offset() {
        return offset;
    }
}
