package org.opencpm.store.history;

/** A Message Store operation failed. Subtypes say why; the store itself stays usable. */
public class MessageStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MessageStoreException(String message) {
        super(message);
    }

    public MessageStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
