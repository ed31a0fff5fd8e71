package org.opencpm.store.deferred;

/**
 * Which CPM Group Session a deferral belongs to.
 *
 * @param sessionIdentity the CPM Group Session Identity: the focus URI the Controlling Function assigned
 *                        (the {@code isfocus} Contact); with the served user, the key of the deferral
 * @param conversationId  the {@code Conversation-ID}, or null
 * @param contributionId  the {@code Contribution-ID}, or null; a re-join can be matched on it too
 */
public record GroupSessionRef(String sessionIdentity, String conversationId, String contributionId) {

    public GroupSessionRef {
        if (sessionIdentity == null || sessionIdentity.isBlank()) {
            throw new IllegalArgumentException("sessionIdentity must not be empty");
        }
    }
}
