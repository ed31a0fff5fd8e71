package org.opencpm.server.pf;

import org.opencpm.sip.message.SipUri;

/**
 * The storage steps of the PF procedures (§8.5 Record CPM Conversation History and the SHF/SIO/GSO
 * steps of §8.2.2.1, §8.2.2.3, §8.3.2.1, §8.3.2.3). Until the Message Store is wired in (issue 7),
 * the server uses {@link #NONE}; procedure tests use a recording implementation so that every
 * storage step is a visible call, in order.
 */
public interface SessionHistory {

    /** PF-O-INV-18/19, PF-T-INV-19: the session was answered; record it (SHF, SIO, SessionInfoObjectID). */
    void sessionStarted(SipUri servedUser, String conversationId, String contributionId, boolean originating);

    /** PF-O-BYE-14/17, PF-T-BYE-05/07: the session ended; store the GSO / the session. */
    void sessionEnded(SipUri servedUser, String conversationId, String contributionId, String why);

    SessionHistory NONE = new SessionHistory() {
        @Override
        public void sessionStarted(SipUri servedUser, String conversationId, String contributionId, boolean originating) {
        }

        @Override
        public void sessionEnded(SipUri servedUser, String conversationId, String contributionId, String why) {
        }
    };
}
