package org.opencpm.sip.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencpm.common.time.VirtualScheduler;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.sim.SimNetwork;
import org.opencpm.sip.sim.SimNode;
import org.opencpm.sip.sim.SimPeer;
import org.opencpm.sip.transaction.ClientTransaction;
import org.opencpm.sip.transaction.ClientTransactionListener;
import org.opencpm.sip.transaction.ServerTransaction;
import org.opencpm.sip.transaction.SipTimers;
import org.opencpm.sip.transaction.TransactionFailure;
import org.opencpm.sip.transaction.TransactionLayer;
import org.opencpm.sip.transaction.TransactionUser;
import org.opencpm.sip.transport.Inbound;
import org.opencpm.sip.transport.Transport;

/*
 * Whole calls as transcripts: a small UA core on the transaction layer, its dialogs, and a scripted
 * peer on the in-memory network (RFC 3261 §12, §13.2.2.4, §15.1).
 *
 * UAC:  C: INVITE   S: 180, 200 (Record-Route)   C: ACK (own branch, Route)   C: BYE (CSeq 2)   S: 200
 * UAS:  S: INVITE   C: 200 (To tag, Contact)     S: ACK -> TU   S: INFO (lower CSeq) -> 500   C: BYE   S: 200
 */
class DialogOverNetworkTest {

    private final VirtualScheduler clock = new VirtualScheduler();
    private final SimNetwork net = new SimNetwork(clock);
    private final SimNode node = net.node("127.0.0.1", 5060);
    private final SimPeer bob = net.peer("127.0.0.2", 5070);
    private final DialogTable dialogs = new DialogTable();
    private final List<String> log = new ArrayList<>();
    private final UaCore core = new UaCore();
    private final TransactionLayer layer = new TransactionLayer(node, clock, SipTimers.DEFAULT, core);

    @Test
    void aCallWeMakeRunsInviteAckAndByeThroughItsDialog() {
        SipRequest invite = SipRequest.builder("INVITE", SipUri.parse("sip:bob@127.0.0.2:5070"))
                .add("Max-Forwards", 70)
                .add("From", "<sip:alice@example.com>;tag=alice1")
                .add("To", "<sip:bob@example.com>")
                .add("Call-ID", "call-uac@127.0.0.1")
                .add("CSeq", "1 INVITE")
                .add("Contact", "<sip:alice@127.0.0.1:5060>")
                .build();
        ClientTransaction tx = layer.sendRequest(invite, bob.target(Transport.UDP), new ClientTransactionListener() {
            @Override
            public void onProvisionalResponse(ClientTransaction t, SipResponse r) {
                dialogs.put(Dialog.asUac(t.request(), r));
            }

            @Override
            public void onFinalResponse(ClientTransaction t, SipResponse r) {
                Dialog d = dialogs.forResponse(r);
                d.onInitialResponse(r);
                DialogRequest ack = d.createAck(r.cseq().sequence());
                layer.sendAck(ack.request(), ack.target());
            }

            @Override
            public void onFailure(ClientTransaction t, TransactionFailure f) {
                log.add("failure " + f);
            }
        });

        SipRequest inviteAtBob = bob.expectRequest("INVITE");
        bob.respond(inviteAtBob, 180);
        SipResponse ok = inviteAtBob.createResponse(200).toBuilder()
                .set("To", Address.parse(inviteAtBob.header("To")).withTag("peer1"))
                .set("Contact", "<sip:bob@127.0.0.2:5070>")
                .add("Record-Route", "<sip:127.0.0.2:5070;lr>")
                .build();
        bob.respond(inviteAtBob, ok);

        SipRequest ack = bob.expectRequest("ACK");
        assertThat(ack.cseq().toString()).isEqualTo("1 ACK");
        assertThat(ack.topVia().branch()).as("the ACK for a 2xx is a transaction of its own").isNotEqualTo(tx.branch());
        assertThat(ack.headerValues("Route")).containsExactly("<sip:127.0.0.2:5070;lr>");
        Dialog dialog = dialogs.all().iterator().next();
        assertThat(dialog.state()).isEqualTo(Dialog.State.CONFIRMED);

        DialogRequest bye = dialog.createRequest("BYE");
        layer.sendRequest(bye.request(), bye.target(), new ClientTransactionListener() {
            @Override
            public void onFinalResponse(ClientTransaction t, SipResponse r) {
                log.add("BYE " + r.status());
                dialog.terminate();
            }

            @Override
            public void onFailure(ClientTransaction t, TransactionFailure f) {
                log.add("failure " + f);
            }
        });
        SipRequest byeAtBob = bob.expectRequest("BYE");
        assertThat(byeAtBob.cseq().toString()).isEqualTo("2 BYE");
        assertThat(byeAtBob.to().tag()).isEqualTo("peer1");
        assertThat(byeAtBob.requestUri()).hasToString("sip:bob@127.0.0.2:5070");
        bob.respond(byeAtBob, 200);
        clock.runPending();

        assertThat(log).containsExactly("BYE 200");
        assertThat(dialogs.removeTerminated()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(40));
        assertThat(layer.activeTransactions()).isZero();
        assertThat(layer.unexpectedEvents()).isZero();
    }

    @Test
    void aCallWeAnswerKeepsTheRemoteCSeqInOrderAndEndsWithOurBye() {
        SipRequest invite = bob.newRequest("INVITE", "sip:alice@127.0.0.1:5060")
                .add("Record-Route", "<sip:127.0.0.2:5070;lr>").build();
        bob.send(invite, node.target(Transport.UDP));
        SipResponse ok = bob.expectResponse(200);
        assertThat(ok.to().tag()).isEqualTo("uas1");
        bob.send(ackFor(invite, ok, 1), node.target(Transport.UDP));
        clock.runPending();
        assertThat(log).containsExactly("ACK in dialog");

        SipRequest info = inDialog(invite, ok, "INFO", 5);
        bob.send(info, node.target(Transport.UDP));
        bob.expectResponse(200);
        bob.send(inDialog(invite, ok, "INFO", 4), node.target(Transport.UDP));
        assertThat(bob.expectResponse(500).cseq().sequence()).isEqualTo(4);

        Dialog dialog = dialogs.all().iterator().next();
        DialogRequest bye = dialog.createRequest("BYE");
        assertThat(bye.request().headerValues("Route")).containsExactly("<sip:127.0.0.2:5070;lr>");
        layer.sendRequest(bye.request(), bye.target(), new ClientTransactionListener() {
            @Override
            public void onFinalResponse(ClientTransaction t, SipResponse r) {
                log.add("BYE " + r.status());
            }

            @Override
            public void onFailure(ClientTransaction t, TransactionFailure f) {
                log.add("failure " + f);
            }
        });
        SipRequest byeAtBob = bob.expectRequest("BYE");
        assertThat(byeAtBob.from().tag()).isEqualTo("uas1");
        assertThat(byeAtBob.cseq().toString()).isEqualTo("1 BYE");
        bob.respond(byeAtBob, 200);
        clock.advance(Duration.ofSeconds(40));

        assertThat(log).containsExactly("ACK in dialog", "BYE 200");
        assertThat(layer.activeTransactions()).isZero();
        assertThat(layer.unexpectedEvents()).isZero();
    }

    private static SipRequest ackFor(SipRequest invite, SipResponse ok, long cseq) {
        return inDialog(invite, ok, "ACK", cseq);
    }

    private static SipRequest inDialog(SipRequest invite, SipResponse ok, String method, long cseq) {
        return SipRequest.builder(method, SipUri.parse("sip:alice@127.0.0.1:5060"))
                .add("Via", "SIP/2.0/UDP 127.0.0.2:5070;branch=z9hG4bK" + method + cseq + ";rport")
                .add("Max-Forwards", 70)
                .add("From", invite.header("From"))
                .add("To", ok.header("To"))
                .add("Call-ID", invite.callId())
                .add("CSeq", cseq + " " + method)
                .build();
    }

    /** A minimal UAS core: answers INVITE 200 and makes a dialog; in-dialog requests per §12.2.2. */
    private final class UaCore implements TransactionUser {
        @Override
        public void onRequest(ServerTransaction tx, SipRequest request) {
            Dialog d = dialogs.forRequest(request);
            if (request.to().tag() != null) {
                if (d == null) {
                    tx.respond(request.createResponse(481));
                } else if (d.isOutOfOrder(request)) {
                    // §12.2.2: out of order: 500
                    tx.respond(request.createResponse(500));
                } else {
                    d.onRequest(request);
                    tx.respond(request.createResponse(200));
                }
                return;
            }
            SipResponse ok = request.createResponse(200).toBuilder()
                    .set("To", request.to().withTag("uas1"))
                    .set("Contact", "<sip:alice@127.0.0.1:5060>")
                    .build();
            dialogs.put(Dialog.asUas(request, ok));
            tx.respond(ok);
        }

        @Override
        public void onAck(Inbound ack) {
            if (dialogs.forRequest((SipRequest) ack.message()) != null) {
                log.add("ACK in dialog");
            }
        }

        @Override
        public void onCancel(ServerTransaction inviteTx, SipRequest cancel) {
        }
    }
}
