package org.opencpm.store.history.imap;

import org.opencpm.store.history.MessageStoreException;

/**
 * The IMAP server answered a command with NO or BAD (RFC 3501 §7.1): the command failed, the connection
 * is fine. {@link #code()} is the response code (e.g. {@code TRYCREATE}, {@code NONEXISTENT}), or null.
 */
public final class ImapCommandException extends MessageStoreException {

    private static final long serialVersionUID = 1L;

    private final String status;
    private final String code;

    ImapCommandException(String command, String status, String code, String text) {
        super(command + " -> " + status + (code == null ? "" : " [" + code + "]") + " " + text);
        this.status = status;
        this.code = code;
    }

    /** {@code NO} or {@code BAD}. */
    public String status() {
        return status;
    }

    public String code() {
        return code;
    }

    boolean hasCode(String atom) {
        return code != null && (code.equalsIgnoreCase(atom) || code.toUpperCase(java.util.Locale.ROOT)
                .startsWith(atom.toUpperCase(java.util.Locale.ROOT) + " "));
    }
}
