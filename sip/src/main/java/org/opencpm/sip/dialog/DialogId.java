package org.opencpm.sip.dialog;

import java.util.Objects;
import org.opencpm.sip.message.SipMessage;

/**
 * A dialog identifier (RFC 3261 §12): Call-ID, local tag and remote tag, as seen from our side.
 * Compared exactly (Call-ID and tags are case-sensitive).
 */
public record DialogId(String callId, String localTag, String remoteTag) {

    public DialogId {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(localTag, "localTag");
        Objects.requireNonNull(remoteTag, "remoteTag");
    }

    /** The dialog an incoming in-dialog request belongs to: local tag = To tag, remote tag = From tag (§12.2.2). */
    public static DialogId ofIncomingRequest(SipMessage request) {
        return new DialogId(request.callId(), request.to().tag(), request.from().tag());
    }

    /** The dialog a response to our request belongs to: local tag = From tag, remote tag = To tag (§12.1.2). */
    public static DialogId ofResponseToUs(SipMessage response) {
        return new DialogId(response.callId(), response.from().tag(), response.to().tag());
    }

    @Override
    public String toString() {
        return callId + ";local=" + localTag + ";remote=" + remoteTag;
    }
}
