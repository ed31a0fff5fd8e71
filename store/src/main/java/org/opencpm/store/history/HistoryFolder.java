package org.opencpm.store.history;

import java.util.Objects;

/**
 * A folder of a user's CPM Message Storage (reference §6.1): the Conversation History folder named by
 * the Conversation-ID, or a Session History folder inside it named by the Contribution-ID.
 *
 * <pre>
 *   Default/&lt;Conversation-ID&gt;/                   conversation(id)
 *   Default/&lt;Conversation-ID&gt;/&lt;Contribution-ID&gt;/ session(id, contribution)
 * </pre>
 *
 * <p>Identifiers are any non-empty text without control characters, as they come in the SIP headers.
 * A store that needs it escapes them (the IMAP store escapes its hierarchy delimiter and the LIST
 * wildcards within a level), so a Contribution-ID with a {@code /} or {@code .} is still one folder.
 *
 * @param conversationId the Conversation-ID
 * @param contributionId the Contribution-ID of a session, {@code null} for the conversation folder
 */
public record HistoryFolder(String conversationId, String contributionId) {

    public HistoryFolder {
        check("Conversation-ID", conversationId);
        if (contributionId != null) {
            check("Contribution-ID", contributionId);
        }
    }

    /** The Conversation History folder of {@code conversationId}. */
    public static HistoryFolder conversation(String conversationId) {
        return new HistoryFolder(conversationId, null);
    }

    /** The Session History folder of the session {@code contributionId} in {@code conversationId}. */
    public static HistoryFolder session(String conversationId, String contributionId) {
        return new HistoryFolder(conversationId, Objects.requireNonNull(contributionId, "contributionId"));
    }

    public boolean isSession() {
        return contributionId != null;
    }

    /** The conversation folder this folder is (or is in). */
    public HistoryFolder conversationFolder() {
        return isSession() ? conversation(conversationId) : this;
    }

    /** The path below the root folder, levels joined with {@code delimiter}. */
    public String path(char delimiter) {
        return isSession() ? conversationId + delimiter + contributionId : conversationId;
    }

    @Override
    public String toString() {
        return path('/');
    }

    private static void check(String what, String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException(what + " '" + id + "' cannot name a folder: character at " + i);
            }
        }
    }
}
