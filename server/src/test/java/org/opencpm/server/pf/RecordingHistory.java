package org.opencpm.server.pf;

import java.util.ArrayList;
import java.util.List;
import org.opencpm.sip.message.SipUri;

/** Records the storage steps the procedures take, so that tests can see them (issue 4: no silent skips). */
final class RecordingHistory implements SessionHistory {

    final List<String> calls = new ArrayList<>();

    @Override
    public void sessionStarted(SipUri servedUser, String conversationId, String contributionId, boolean originating) {
        calls.add("started " + servedUser + (originating ? " orig" : " term"));
    }

    @Override
    public void sessionEnded(SipUri servedUser, String conversationId, String contributionId, String why) {
        calls.add("ended " + servedUser + " (" + why + ")");
    }
}
