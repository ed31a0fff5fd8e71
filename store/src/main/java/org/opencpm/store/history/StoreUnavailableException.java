package org.opencpm.store.history;

/**
 * The Message Storage Server could not be reached in time (AMB-13). If {@link #queuedForRetry()} the
 * write is still queued and will be retried in order; the caller goes on without its UID.
 */
public class StoreUnavailableException extends MessageStoreException {

    private static final long serialVersionUID = 1L;

    private final boolean queuedForRetry;

    public StoreUnavailableException(String message, boolean queuedForRetry, Throwable cause) {
        super(message, cause);
        this.queuedForRetry = queuedForRetry;
    }

    public boolean queuedForRetry() {
        return queuedForRetry;
    }
}
