/**
 * The CPM Message Store (conversation history, OMA CPM Message Storage; reference §4.8, §6): the
 * {@link org.opencpm.store.history.MessageStore} interface the Participating Function records through,
 * and the values it takes and returns — {@link org.opencpm.store.history.HistoryFolder} (conversation
 * and session folders), {@link org.opencpm.store.history.StoredObject} with its builders
 * ({@link org.opencpm.store.history.SessionInfo}, {@link org.opencpm.store.history.GroupState},
 * {@link org.opencpm.store.history.FileTransferHistory}), {@link org.opencpm.store.history.MessageUid},
 * {@link org.opencpm.store.history.Flags}.
 *
 * <p>Implementations: {@code embedded.EmbeddedMessageStore} (SQLite under data-dir, the default) and
 * {@code imap.ImapMessageStore} (an IMAP server with METADATA and UIDPLUS, e.g. Dovecot). Both pass
 * {@code MessageStoreContract} (store test sources; run against Dovecot in the it module).
 */
package org.opencpm.store.history;
