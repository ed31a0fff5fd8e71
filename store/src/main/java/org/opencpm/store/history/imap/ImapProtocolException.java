package org.opencpm.store.history.imap;

import org.opencpm.store.history.MessageStoreException;

/** The IMAP server said something this client cannot parse; the connection is closed and reopened. */
final class ImapProtocolException extends MessageStoreException {

    private static final long serialVersionUID = 1L;

    ImapProtocolException(String message) {
        super(message);
    }
}
