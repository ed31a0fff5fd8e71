package org.opencpm.store.history;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A CPM Message Store: the conversation history of each CPM user, in the terms of the CPM Message
 * Storage model (reference §4.8, §6). Each user (the mailbox owner, named by the CPM address, see
 * {@link Mailboxes#owner}) has Conversation History folders named by Conversation-ID holding Session
 * History folders named by Contribution-ID ({@link HistoryFolder}); folders hold immutable
 * {@link StoredObject}s with UIDs, flags on the objects and metadata entries on the folders.
 *
 * <p>Implementations: {@code EmbeddedMessageStore} (SQLite under {@code data-dir}, the default) and
 * {@code ImapMessageStore} (an IMAP Message Storage Server such as Dovecot). Both pass the same
 * contract tests and behave the same where this Javadoc says so.
 *
 * <p>Threading: every method returns at once; no method blocks its caller or does I/O on the caller's
 * thread. Futures complete on a store thread: continue on your own executor. A store outage fails
 * futures with {@link StoreUnavailableException} within a bounded time (AMB-13); writes may stay
 * queued for retry, which the exception says.
 *
 * <p>How the Participating Function records a session (§8.5):
 * <ol>
 *   <li>{@link #storeSessionInfo} into {@code HistoryFolder.session(conv, contrib)} (creates the folder,
 *       appends the Session Info object, sets {@link #SESSION_INFO_OBJECT_ID}) — PF-O-INV-19, PF-T-INV-19;
 *   <li>{@link #append} each chat message there (standalone messages into the conversation folder);
 *   <li>{@link #storeGroupState} for each Group State snapshot — PF-O-TMR-02, PF-T-BYE-05, PF-O-PIN-02;
 *   <li>{@link #markSeen} on read reports (PF-IMDN-O-03); {@link #appendNextToOriginal} for received
 *       disposition notifications (PF-IMDN-TD-05/06).
 * </ol>
 */
public interface MessageStore extends AutoCloseable {

    /** Folder metadata entry holding the UID of the Session Info object (RFC 5464 entry name). */
    String SESSION_INFO_OBJECT_ID = "/shared/OMNA/OMACPM20/SessionInfoObjectID";

    /** Folder metadata entry holding the UID of the newest Group State Object. */
    String GROUP_STATE_OBJECT_ID = "/shared/OMNA/OMACPM20/GroupStateObjectID";

    /**
     * Creates {@code folder} (and its conversation folder) if absent; completes with its status.
     * Creating an existing folder is not an error.
     */
    CompletableFuture<FolderStatus> createFolder(String user, HistoryFolder folder);

    /** The status of {@code folder}, empty if it does not exist. */
    CompletableFuture<Optional<FolderStatus>> status(String user, HistoryFolder folder);

    /** Every conversation and session folder of {@code user}, conversation folders before their sessions. */
    CompletableFuture<List<HistoryFolder>> listFolders(String user);

    /**
     * Appends {@code object} to {@code folder} (creating the folder if absent) with {@code flags}, and
     * completes with its UID (IMAP: from {@code APPENDUID}, RFC 4315).
     *
     * <p>Idempotent by {@code IMDN-Message-ID}: if the folder already holds an object with the same
     * IMDN-Message-ID, nothing is appended and that object's UID is returned. A retried store therefore
     * never duplicates an object.
     */
    CompletableFuture<MessageUid> append(String user, HistoryFolder folder, StoredObject object, Set<String> flags);

    /**
     * §8.5 for a session: appends the Session Info object to the session folder and sets
     * {@link #SESSION_INFO_OBJECT_ID} to its UID, as one retried unit.
     */
    CompletableFuture<MessageUid> storeSessionInfo(String user, HistoryFolder sessionFolder, StoredObject sessionInfo);

    /**
     * Appends a Group State snapshot to the session folder and sets {@link #GROUP_STATE_OBJECT_ID} to
     * its UID, as one retried unit (AMB-34: earlier snapshots stay).
     */
    CompletableFuture<MessageUid> storeGroupState(String user, HistoryFolder sessionFolder, StoredObject groupState);

    /**
     * Sets metadata entry {@code entry} of {@code folder} to {@code value}; {@code null} removes it.
     * Entry names are case-insensitive (RFC 5464). Fails with {@link FolderNotFoundException} if the
     * folder does not exist.
     */
    CompletableFuture<Void> setMetadata(String user, HistoryFolder folder, String entry, String value);

    /** The value of metadata entry {@code entry} of {@code folder}, empty if unset or no such folder. */
    CompletableFuture<Optional<String>> getMetadata(String user, HistoryFolder folder, String entry);

    /** Adds {@code flags} to object {@code uid} of {@code folder}; an unknown UID is ignored (as IMAP does). */
    CompletableFuture<Void> addFlags(String user, HistoryFolder folder, long uid, Set<String> flags);

    /** Removes {@code flags} from object {@code uid} of {@code folder}; an unknown UID is ignored. */
    CompletableFuture<Void> removeFlags(String user, HistoryFolder folder, long uid, Set<String> flags);

    /**
     * Finds the object whose {@code IMDN-Message-ID} is {@code messageId} (the CPIM
     * {@code imdn.Message-ID} of the message) in any folder of {@code user}.
     */
    CompletableFuture<Optional<ObjectLocation>> findByMessageId(String user, String messageId);

    /** The objects of {@code folder} in UID order with their flags; empty if no such folder. */
    CompletableFuture<List<StoredEntry>> fetch(String user, HistoryFolder folder);

    /**
     * PF-IMDN-O-03: sets {@code \Seen} on the object of message {@code messageId}; completes with
     * whether such an object was found.
     */
    default CompletableFuture<Boolean> markSeen(String user, String messageId) {
        return findByMessageId(user, messageId).thenCompose(found -> found.isEmpty()
                ? CompletableFuture.completedFuture(false)
                : addFlags(user, found.get().folder(), found.get().uid().uid(), Set.of(Flags.SEEN))
                        .thenApply(v -> true));
    }

    /**
     * PF-IMDN-TD-06: appends {@code notification} to the folder holding the original message
     * {@code originalMessageId}; empty if the original is not stored (then nothing is stored).
     */
    default CompletableFuture<Optional<ObjectLocation>> appendNextToOriginal(String user, String originalMessageId,
                                                                            StoredObject notification) {
        return findByMessageId(user, originalMessageId).thenCompose(found -> found.isEmpty()
                ? CompletableFuture.completedFuture(Optional.empty())
                : append(user, found.get().folder(), notification, Set.of())
                        .thenApply(uid -> Optional.of(new ObjectLocation(found.get().folder(), uid))));
    }

    /** Stops the store: queued writes are given a short time to finish, later calls fail. */
    @Override
    void close();
}
