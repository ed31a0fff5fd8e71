package org.opencpm.server.pf;

import org.opencpm.sip.message.SipUri;

/**
 * The storage steps of the PF procedures (§8.5 Record CPM Conversation History and the SHF/SIO/GSO
 * steps of §8.2.2.1, §8.2.2.3, §8.2.2.4, §8.3.2.1, §8.3.2.3, §8.3.2.4). Until the Message Store is wired
 * in (issue 7), the server uses {@link #NONE}; procedure tests use a recording implementation so that
 * every storage step is a visible call, in order.
 *
 * <p>Calls are synchronous and return the UID the store gave, or null when none was obtained; the
 * procedures then send no Message-UID (AMB-33). An implementation backed by a remote store answers
 * within the AMB-13 storage timeout (3 s) or returns null and retries the store on its own.
 */
public interface SessionHistory {

    /** PF-O-INV-18/19, PF-T-INV-19: the session was answered; record it (SHF, SIO, SessionInfoObjectID). */
    void sessionStarted(SipUri servedUser, String conversationId, String contributionId, boolean originating);

    /**
     * §8.5.2 Record CPM Session when the session ends (PF-O-BYE-17/22, PF-T-BYE-07/12, and for a 1-1
     * session in place of the GSO, AMB-14).
     *
     * @return the UID of the stored session, or null
     */
    String sessionEnded(SipUri servedUser, String conversationId, String contributionId, String why);

    /**
     * Stores a new Group State Object snapshot in the SHF (AMB-34: APPEND, earlier ones kept) for a CPM
     * Group Session (PF-O-BYE-14, PF-O-TMR-02, PF-T-BYE-05, PF-T-TMR-01).
     *
     * @param setGroupStateObjectId also set {@code /shared/OMNA/OMACPM20/GroupStateObjectID} to the new UID
     * @return the GSO's UID, or null
     */
    default String groupStateStored(SipUri servedUser, String conversationId, String contributionId,
                                    boolean setGroupStateObjectId) {
        return null;
    }

    /**
     * The UID of the session's SIO, read from the SHF's {@code /shared/OMNA/OMACPM20/SessionInfoObjectID}
     * metadata if not known (RD-05, PF-T-BYE-06, PF-O-TMR-03, PF-T-TMR-02, AMB-07), or null.
     */
    default String sessionInfoUid(SipUri servedUser, String conversationId, String contributionId) {
        return null;
    }

    /**
     * PF-IMDN-O-03: a read report (display notification) from one of the served user's clients: set
     * {@code \Seen} on the stored CPM Message or File Transfer history object whose {@code imdn.Message-ID}
     * is {@code messageId}. Nothing else of the notification is stored (PF-IMDN-O-04).
     */
    default void messageDisplayed(SipUri servedUser, String messageId) {
    }

    /**
     * PF-IMDN-TD-05/06: a disposition notification about the served user's message {@code originalMessageId}
     * was delivered to at least one of the served user's clients, and the user's preferences allow storage:
     * store {@code notification} in the same folder as that original message.
     */
    default void notificationDelivered(SipUri servedUser, String originalMessageId,
                                       org.opencpm.msrp.cpim.CpimMessage notification) {
    }

    SessionHistory NONE = new SessionHistory() {
        @Override
        public void sessionStarted(SipUri servedUser, String conversationId, String contributionId, boolean originating) {
        }

        @Override
        public String sessionEnded(SipUri servedUser, String conversationId, String contributionId, String why) {
            return null;
        }
    };
}
