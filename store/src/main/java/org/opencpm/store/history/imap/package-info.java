/**
 * The CPM Message Store on an IMAP Message Storage Server: {@link
 * org.opencpm.store.history.imap.ImapMessageStore} (public) over a small IMAP4rev1 client of our own
 * (package-private: connection, command builder, response parser, the store operations as commands).
 */
package org.opencpm.store.history.imap;
