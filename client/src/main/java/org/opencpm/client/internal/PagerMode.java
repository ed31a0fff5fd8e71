package org.opencpm.client.internal;

import java.util.concurrent.CompletableFuture;
import org.opencpm.client.CpmException;
import org.opencpm.msrp.cpim.CpimAddress;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.transaction.ClientTransaction;
import org.opencpm.sip.transaction.ClientTransactionListener;
import org.opencpm.sip.transaction.ServerTransaction;
import org.opencpm.sip.transaction.TransactionFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pager-mode CPM standalone messages: SIP MESSAGE with a {@code message/cpim} body (reference §1, §8).
 *
 * <p>Sending: MESSAGE to the peer through the server, with {@code Accept-Contact} and
 * {@code P-Preferred-Service} for the {@code cpm.msg} ICSI, the Conversation-ID kept for the peer and a
 * new Contribution-ID; the CPIM From/To carry the real addresses and the IMDN requests. 200 and 202
 * are success.
 *
 * <p>Receiving: 200 at once (415 for a body that is not CPIM or text), then the text goes to the
 * client (delivery notification back by MESSAGE, duplicates dropped) or the notifications are
 * reported. The sender is the CPIM From unless anonymous, else the SIP identity.
 */
final class PagerMode {

    private static final Logger log = LoggerFactory.getLogger(PagerMode.class);

    private final RealCpmClient client;

    PagerMode(RealCpmClient client) {
        this.client = client;
    }

    void send(SipUri peer, String text, CompletableFuture<String> done) {
        String id = client.newId();
        CpimMessage cpim = Content.chat(CpimAddress.of(client.user()), CpimAddress.of(peer.toString()), id,
                client.now(), text);
        send(peer, client.conversationFor(peer.toString()), cpim, id, done);
    }

    /** A notification (display, or delivery for a pager message) to {@code peer} by MESSAGE. */
    void sendNotification(String peer, String conversationId, CpimMessage cpim) {
        SipUri to;
        try {
            to = RealCpmClient.parsePeer(peer);
        } catch (IllegalArgumentException e) {
            log.info("no notification to {}: {}", peer, e.getMessage());
            return;
        }
        String conversation = conversationId != null ? conversationId : client.conversationFor(to.toString());
        send(to, conversation, cpim, cpim.imdnMessageId().orElse(""), new CompletableFuture<>());
    }

    private void send(SipUri peer, String conversationId, CpimMessage cpim, String id, CompletableFuture<String> done) {
        SipRequest request = client.newRequest(SipRequest.MESSAGE, peer, Address.of(peer))
                .add(HeaderNames.ACCEPT_CONTACT, RealCpmClient.acceptContact(RealCpmClient.ICSI_MSG))
                .add(HeaderNames.P_PREFERRED_SERVICE, RealCpmClient.ICSI_MSG)
                .add(HeaderNames.CONVERSATION_ID, conversationId)
                .add(HeaderNames.CONTRIBUTION_ID, client.newId())
                .body(Content.CPIM, cpim.toBytes())
                .build();
        String peerText = peer.toString();
        client.events().sendStart(peerText, id, true);
        client.layer().sendRequest(request, client.config().server(), new ClientTransactionListener() {
            @Override
            public void onFinalResponse(ClientTransaction tx, SipResponse response) {
                client.events().sendEnd(peerText, id, response.status());
                if (response.status() == 200 || response.status() == 202) {
                    done.complete(id);
                } else {
                    done.completeExceptionally(new CpmException(response.status(), response.reason()));
                }
            }

            @Override
            public void onFailure(ClientTransaction tx, TransactionFailure failure) {
                client.events().sendEnd(peerText, id, failure.asStatus());
                done.completeExceptionally(new CpmException(failure.asStatus(),
                        SipResponse.reasonPhrase(failure.asStatus())));
            }
        });
    }

    void onMessage(ServerTransaction tx, SipRequest request) {
        Content.Received received = Content.classify(request.contentType(), request.body());
        if (received instanceof Content.Unusable u) {
            log.info("MESSAGE from {} refused: {}", request.from().uri(), u.reason());
            client.respond(tx, request.createResponse(415).toBuilder()
                    .add(HeaderNames.ACCEPT, "message/cpim, text/plain").build());
            return;
        }
        client.respond(tx, request.createResponse(200));
        String sipSender = RealCpmClient.identity(request);
        String conversation = request.header(HeaderNames.CONVERSATION_ID);
        if (received instanceof Content.Notifications n) {
            client.inbox().onNotifications(n.documents(), n.from().orElse(sipSender));
        } else if (received instanceof Content.Text t) {
            String from = t.from().map(PagerMode::aor).orElse(sipSender);
            client.rememberConversation(from, conversation);
            client.inbox().onText(t, from, conversation, null, false,
                    reply -> sendNotification(from, conversation, reply));
        }
    }

    private static String aor(String uri) {
        try {
            return SipUri.parse(uri).aor().toString();
        } catch (RuntimeException e) {
            return uri;
        }
    }
}
