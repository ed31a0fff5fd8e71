package org.opencpm.server.config;

import java.util.Optional;

/**
 * The CPM Message Store ({@code message-store:}): conversation history kept embedded under the data
 * directory, or on an IMAP server (e.g. Dovecot) where each CPM user logs in with their address.
 */
public record MessageStoreConfig(Type type, Imap imap) {

    /** Where the history is kept. */
    public enum Type {
        /** Under {@code data-dir}, in the same layout as on an IMAP server. */
        EMBEDDED,
        /** On the IMAP server of {@link Imap}. */
        IMAP
    }

    /** IMAP server of the Message Store; used when {@link Type#IMAP}. The password is never printed. */
    public record Imap(String host, int port, Optional<String> password) {

        @Override
        public String toString() {
            return "Imap[host=" + host + ", port=" + port + ", password=" + (password.isPresent() ? "***" : "none") + "]";
        }
    }
}
