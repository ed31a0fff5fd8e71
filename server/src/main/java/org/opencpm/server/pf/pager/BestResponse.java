package org.opencpm.server.pf.pager;

import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;

/**
 * Chooses the response a forking element returns when no branch succeeded, RFC 3261 §16.7 step 6 as
 * AMB-25 adopts it: a 6xx wins, else the lowest status; a chosen 503 becomes 500 ("If the selected
 * response is 503 … the proxy MUST generate a 500"). None at all (no branch answered) → 408.
 */
public final class BestResponse {

    private SipResponse best;

    public void consider(SipResponse response) {
        if (best == null || rank(response) < rank(best)) {
            best = response;
        }
    }

    /** The response for {@code incoming}: the best status and reason, with Warning, Retry-After and Reason carried. */
    public SipResponse.Builder responseTo(SipRequest incoming) {
        if (best == null) {
            return incoming.createResponse(408).toBuilder();
        }
        int status = best.status() == 503 ? 500 : best.status();
        SipResponse.Builder r = (status == best.status() ? incoming.createResponse(status, best.reason())
                : incoming.createResponse(status)).toBuilder();
        for (String h : new String[] {HeaderNames.WARNING, HeaderNames.RETRY_AFTER, HeaderNames.REASON}) {
            for (String v : best.headerValues(h)) {
                r.add(h, v);
            }
        }
        return r;
    }

    private static int rank(SipResponse r) {
        return r.statusClass() == 6 ? 0 : r.status();
    }
}
