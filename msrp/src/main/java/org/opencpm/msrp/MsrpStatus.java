package org.opencpm.msrp;

/**
 * The Status header of a REPORT (RFC 4975 §7.1.2): {@code 000 code [comment]}; the namespace is always 000.
 *
 * @param code    the status code the REPORT conveys, such as 200 or 413
 * @param comment the optional reason text, or {@code null}
 */
public record MsrpStatus(int code, String comment) {

    public MsrpStatus {
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("status code must have three digits: " + code);
        }
        if (comment != null && (comment.indexOf('\r') >= 0 || comment.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("comment contains CR or LF");
        }
    }

    /** The header value, e.g. {@code 000 200 OK}. */
    public String wireValue() {
        return "000 " + code + (comment == null || comment.isEmpty() ? "" : " " + comment);
    }

    /** True for 200, the only success code of MSRP. */
    public boolean isSuccess() {
        return code == MsrpStatusCodes.OK;
    }
}
