package org.opencpm.sip.message;

/** Creates messages from already-validated parts; for the codec, which lives in another package. */
public final class MessageFactory {

    private MessageFactory() {
    }

    public static SipRequest request(String method, Uri uri, Headers headers, byte[] body) {
        return new SipRequest(method, uri, headers, body);
    }

    public static SipResponse response(int status, String reason, Headers headers, byte[] body) {
        return new SipResponse(status, reason, headers, body);
    }
}
