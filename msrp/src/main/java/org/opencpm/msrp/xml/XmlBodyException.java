package org.opencpm.msrp.xml;

/**
 * An XML body (IMDN, isComposing, conference-info, …) that OpenCPM refuses to accept.
 *
 * <p>Every XML body parser in this module throws only this exception for bad input, whatever went
 * wrong: malformed XML, a forbidden construct (DOCTYPE, entity), an exceeded limit, or a
 * well-formed document whose content breaks the body's schema. {@link #reason()} is the coarse key
 * a caller can act on (for example answer 400 or drop and count); {@link #getMessage()} is the
 * detail for the log. The position is the parser's, when it knows one.
 */
public final class XmlBodyException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the body was refused. */
    public enum Reason {
        /** Not well-formed XML, or not in the expected character encoding. */
        MALFORMED,
        /** The document carries a DOCTYPE declaration; no body format we accept uses a DTD. */
        DOCTYPE_FORBIDDEN,
        /** The document references an entity other than the five predefined ones. */
        ENTITY_FORBIDDEN,
        /** The document is longer than {@link SafeXml#maxDocumentBytes()}. */
        TOO_LARGE,
        /** Elements nest deeper than {@link SafeXml#maxDepth()}. */
        TOO_DEEP,
        /** Well-formed, but the root element or a required child is not the one the format defines. */
        UNEXPECTED_ELEMENT,
        /** A required element or attribute is absent. */
        MISSING_ELEMENT,
        /** An element or attribute value is outside the format's value space. */
        INVALID_VALUE
    }

    private final Reason reason;
    private final int line;
    private final int column;

    /**
     * Creates the exception.
     *
     * @param reason the coarse key
     * @param message the detail for the log
     * @param line the 1-based line of the offending input, or -1 when unknown
     * @param column the 1-based column of the offending input, or -1 when unknown
     * @param cause the underlying parser error, or {@code null}
     */
    public XmlBodyException(Reason reason, String message, int line, int column, Throwable cause) {
        super(message + (line > 0 ? " (line " + line + ", column " + column + ")" : ""), cause);
        this.reason = reason;
        this.line = line;
        this.column = column;
    }

    /** Creates the exception without a position. */
    public XmlBodyException(Reason reason, String message) {
        this(reason, message, -1, -1, null);
    }

    /** The coarse key: why the body was refused. */
    public Reason reason() {
        return reason;
    }

    /** The 1-based line where the parser stopped, or -1 when unknown. */
    public int line() {
        return line;
    }

    /** The 1-based column where the parser stopped, or -1 when unknown. */
    public int column() {
        return column;
    }
}
