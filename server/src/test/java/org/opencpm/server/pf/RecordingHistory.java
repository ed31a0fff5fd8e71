package org.opencpm.server.pf;

import java.util.ArrayList;
import java.util.List;
import org.opencpm.sip.message.SipUri;

/**
 * Records the storage steps the procedures take, so that tests can see them (issue 4: no silent skips).
 * Stores hand out UIDs {@code uid-1}, {@code uid-2}, …; SIO UIDs are {@code sio-<user>} (null when
 * {@link #noUids} is set, to model a store that gave none).
 */
public final class RecordingHistory implements SessionHistory {

    public final List<String> calls = new ArrayList<>();
    /** UID look-ups (not storage steps), kept apart so that storage order assertions stay simple. */
    public final List<String> lookups = new ArrayList<>();
    public boolean noUids;
    private int uid;

    @Override
    public void sessionStarted(SipUri servedUser, String conversationId, String contributionId, boolean originating) {
        calls.add("started " + servedUser + (originating ? " orig" : " term"));
    }

    @Override
    public String sessionEnded(SipUri servedUser, String conversationId, String contributionId, String why) {
        calls.add("ended " + servedUser + " (" + why + ")");
        return noUids ? null : "uid-" + (++uid);
    }

    @Override
    public String groupStateStored(SipUri servedUser, String conversationId, String contributionId,
                                   boolean setGroupStateObjectId) {
        calls.add("gso " + servedUser + (setGroupStateObjectId ? " +GroupStateObjectID" : ""));
        return noUids ? null : "uid-" + (++uid);
    }

    @Override
    public void messageDisplayed(SipUri servedUser, String messageId) {
        calls.add("seen " + servedUser + " " + messageId);
    }

    @Override
    public void notificationDelivered(SipUri servedUser, String originalMessageId,
                                      org.opencpm.msrp.cpim.CpimMessage notification) {
        calls.add("imdn stored " + servedUser + " " + originalMessageId);
    }

    @Override
    public String sessionInfoUid(SipUri servedUser, String conversationId, String contributionId) {
        lookups.add("sio " + servedUser);
        return noUids ? null : "sio-" + servedUser.user();
    }
}
