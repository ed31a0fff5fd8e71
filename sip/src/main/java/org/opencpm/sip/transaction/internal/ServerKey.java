package org.opencpm.sip.transaction.internal;

import java.util.Locale;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.Via;

/**
 * How a request is matched to a server transaction (RFC 3261 §17.2.3). An ACK is looked up under
 * method INVITE, so it finds the INVITE transaction whose non-2xx response it acknowledges; a CANCEL
 * has its own transaction, and finds the INVITE it cancels through {@link #forMethod}.
 */
public sealed interface ServerKey {

    /** This key with another method: the INVITE a CANCEL targets. */
    ServerKey forMethod(String method);

    /** RFC 3261 branch (magic cookie), sent-by of the top Via, and method (ACK read as INVITE). */
    record Rfc3261(String branch, String sentBy, String method) implements ServerKey {
        @Override
        public ServerKey forMethod(String m) {
            return new Rfc3261(branch, sentBy, m);
        }

        @Override
        public String toString() {
            return branch + "/" + sentBy + "/" + method;
        }
    }

    /**
     * The RFC 2543 fallback of §17.2.3 for a branch without the magic cookie: Request-URI, From tag,
     * Call-ID, CSeq number and method, and the top Via. The To tag is compared separately, because an
     * ACK carries the tag of the response while the INVITE had none.
     */
    record Rfc2543(String requestUri, String fromTag, String callId, long cseq, String method, String topVia)
            implements ServerKey {
        @Override
        public ServerKey forMethod(String m) {
            return new Rfc2543(requestUri, fromTag, callId, cseq, m, topVia);
        }
    }

    /** The key of a request; an ACK gets the key of its INVITE. */
    static ServerKey of(SipRequest request) {
        Via top = request.topVia();
        String method = request.isMethod(SipRequest.ACK) ? SipRequest.INVITE : request.method();
        if (top.isRfc3261Branch()) {
            String sentBy = top.host().toLowerCase(Locale.ROOT) + ":" + top.port();
            return new Rfc3261(top.branch(), sentBy, method);
        }
        return new Rfc2543(request.requestUri().toString(), request.from().tag(), request.callId(),
                request.cseq().sequence(), method, top.toString().toLowerCase(Locale.ROOT));
    }
}
