package org.opencpm.server.edge;

import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.transaction.ServerTransaction;

/**
 * Sends a response the server itself generates (it is the UAS of it, RFC 3261 §8.2.6.2): a To tag is added
 * to anything above 100 that has none, and the Server header names the server.
 */
final class LocalResponses {

    private LocalResponses() {
    }

    static void send(ServerTransaction tx, SipResponse response, String serverHeader) {
        SipResponse.Builder b = response.toBuilder();
        if (response.to().tag() == null && response.status() > 100) {
            b.set(HeaderNames.TO, response.to().withTag(Tags.newTag()));
        }
        if (serverHeader != null) {
            b.set(HeaderNames.SERVER, serverHeader);
        }
        tx.respond(b.build());
    }
}
