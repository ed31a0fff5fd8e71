package org.opencpm.store.deferred;

import org.opencpm.store.sqlite.StoreException;

/**
 * A message offered for deferral is larger than {@code store.deferred-max-body-bytes}; nothing was stored.
 * The Participating Function answers the sender as for any message it cannot take (e.g. 413).
 */
public final class MessageTooLargeException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final int size;
    private final int limit;

    public MessageTooLargeException(int size, int limit) {
        super("deferred message body of " + size + " bytes exceeds the limit of " + limit + " bytes");
        this.size = size;
        this.limit = limit;
    }

    public int size() {
        return size;
    }

    public int limit() {
        return limit;
    }
}
