package org.opencpm.client;

/**
 * Why a client operation failed, with its protocol meaning: the SIP status of the final response
 * (e.g. 480 for a peer that is not registered), or the status a transaction failure counts as (408
 * for a timeout, 503 for a transport error, RFC 3261 §8.1.3.1). {@link #getMessage()} is the status
 * and reason, e.g. {@code 480 Temporarily Unavailable}, ready to show to a user.
 */
public final class CpmException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    public CpmException(int status, String reason) {
        super(status > 0 ? status + " " + reason : reason);
        this.status = status;
    }

    /** The SIP status code, or 0 when the failure is not a SIP outcome (e.g. the session's media failed). */
    public int status() {
        return status;
    }
}
