package org.opencpm.msrp;

/** The value of the Failure-Report header (RFC 4975 §7.1.2); {@link #YES} when absent. */
public enum FailureReport {
    /** Transaction responses and failure REPORTs are wanted. */
    YES,
    /** No response and no REPORT is sent for this request. */
    NO,
    /** Only error responses and failure REPORTs are wanted; success is not answered. */
    PARTIAL;

    /** The header value as written on the wire. */
    public String wireValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
