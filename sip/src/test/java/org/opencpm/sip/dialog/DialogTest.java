package org.opencpm.sip.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.transport.Target;

/*
 * Dialogs (RFC 3261 §12, §13.2.2.4).
 *
 * Verifies:
 *  - §12.1.1   UAS dialog: id, route set = Record-Route in order, remote target = Contact, remote CSeq, local CSeq empty
 *  - §12.1.2   UAC dialog: route set = Record-Route reversed, early on 1xx, confirmed on 2xx
 *  - §13.2.2.4 a 2xx confirms an early dialog and recomputes its route set
 *  - §12.2.1.1 in-dialog requests: To/From/Call-ID/CSeq, loose routing, strict-router handling, next hop
 *  - §12.2.1.1 the local CSeq starts when empty and increases; the ACK reuses the INVITE's CSeq
 *  - §12.2.1.2 target refresh from 2xx to re-INVITE/UPDATE; 481/408 terminate the dialog
 *  - §12.2.2   a lower remote CSeq is out of order (the caller answers 500); target refresh from requests
 */
class DialogTest {

    private static final SipRequest INVITE = SipRequest.builder("INVITE", SipUri.parse("sip:bob@example.com"))
            .add("Via", "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1")
            .add("Max-Forwards", 70)
            .add("From", "\"Alice\" <sip:alice@example.com>;tag=alice1")
            .add("To", "<sip:bob@example.com>")
            .add("Call-ID", "call-1@127.0.0.1")
            .add("CSeq", "7 INVITE")
            .add("Contact", "<sip:alice@127.0.0.1:5060>")
            .add("Record-Route", "<sip:p1.example.com;lr>, <sip:p2.example.com;lr>")
            .build();

    private static SipResponse response(SipRequest request, int status, String... recordRoutes) {
        SipResponse.Builder b = request.createResponse(status).toBuilder()
                .set("To", "<sip:bob@example.com>;tag=bob1")
                .set("Contact", "<sip:bob@127.0.0.2:5070;transport=tcp>");
        for (String rr : recordRoutes) {
            b.add("Record-Route", rr);
        }
        return b.build();
    }

    @Test
    void aUasDialogTakesTheRouteSetInOrderAndTheCallersContactAsRemoteTarget() {
        Dialog d = Dialog.asUas(INVITE, response(INVITE, 200));

        assertThat(d.id()).isEqualTo(new DialogId("call-1@127.0.0.1", "bob1", "alice1"));
        assertThat(d.state()).isEqualTo(Dialog.State.CONFIRMED);
        assertThat(d.isUac()).isFalse();
        assertThat(d.routeSet()).extracting(a -> a.uri().toString())
                .containsExactly("sip:p1.example.com;lr", "sip:p2.example.com;lr");
        assertThat(d.remoteTarget()).hasToString("sip:alice@127.0.0.1:5060");
        assertThat(d.remoteSeq()).isEqualTo(7);
        assertThat(d.localSeq()).isEqualTo(-1);

        DialogRequest bye = d.createRequest("BYE");
        assertThat(bye.request().header("From")).isEqualTo("<sip:bob@example.com>;tag=bob1");
        assertThat(bye.request().header("To")).isEqualTo("\"Alice\" <sip:alice@example.com>;tag=alice1");
        assertThat(bye.request().cseq().toString()).isEqualTo("1 BYE");
        assertThat(bye.request().requestUri()).hasToString("sip:alice@127.0.0.1:5060");
        assertThat(bye.request().headerValues("Route")).containsExactly("<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>");
        assertThat(bye.nextHop()).hasToString("sip:p1.example.com;lr");
        assertThat(bye.request().hasHeader("Contact")).as("BYE is not a target refresh").isFalse();
    }

    @Test
    void aUacDialogIsEarlyOnA1xxAndTakesTheRouteSetReversed() {
        SipResponse ringing = response(INVITE, 180, "<sip:p2.example.com;lr>", "<sip:p1.example.com;lr>");
        Dialog d = Dialog.asUac(INVITE, ringing);

        assertThat(d.id()).isEqualTo(new DialogId("call-1@127.0.0.1", "alice1", "bob1"));
        assertThat(d.state()).isEqualTo(Dialog.State.EARLY);
        assertThat(d.isUac()).isTrue();
        assertThat(d.routeSet()).extracting(a -> a.uri().toString())
                .containsExactly("sip:p1.example.com;lr", "sip:p2.example.com;lr");
        assertThat(d.remoteTarget()).hasToString("sip:bob@127.0.0.2:5070;transport=tcp");
        assertThat(d.localSeq()).isEqualTo(7);
        assertThat(d.remoteSeq()).isEqualTo(-1);
    }

    @Test
    void a2xxConfirmsAnEarlyDialogAndRecomputesItsRouteSet() {
        Dialog d = Dialog.asUac(INVITE, response(INVITE, 183, "<sip:p1.example.com;lr>"));
        d.onInitialResponse(response(INVITE, 200, "<sip:p3.example.com;lr>", "<sip:p1.example.com;lr>"));

        assertThat(d.state()).isEqualTo(Dialog.State.CONFIRMED);
        assertThat(d.routeSet()).extracting(a -> a.uri().toString())
                .containsExactly("sip:p1.example.com;lr", "sip:p3.example.com;lr");
    }

    @Test
    void theAckReusesTheInviteCSeqAndRequestsCountOnFromIt() {
        Dialog d = Dialog.asUac(INVITE, response(INVITE, 200));

        DialogRequest ack = d.createAck(7);
        assertThat(ack.request().cseq().toString()).isEqualTo("7 ACK");
        assertThat(ack.request().header("To")).isEqualTo("<sip:bob@example.com>;tag=bob1");
        assertThat(d.createRequest("INFO").request().cseq().toString()).isEqualTo("8 INFO");
        DialogRequest reinvite = d.createRequest("INVITE");
        assertThat(reinvite.request().cseq().toString()).isEqualTo("9 INVITE");
        assertThat(reinvite.request().header("Contact")).as("a target refresh request carries our Contact")
                .isEqualTo("<sip:alice@127.0.0.1:5060>");
    }

    @Test
    void withoutRouteSetTheNextHopIsTheRemoteTarget() {
        Dialog d = Dialog.asUac(INVITE, response(INVITE, 200));
        DialogRequest bye = d.createRequest("BYE");

        assertThat(bye.request().hasHeader("Route")).isFalse();
        assertThat(bye.nextHop()).hasToString("sip:bob@127.0.0.2:5070;transport=tcp");
        assertThat(bye.target()).isEqualTo(Target.parse("tcp:127.0.0.2:5070"));
    }

    @Test
    void aStrictRouterGetsTheRequestUriAndTheRemoteTargetGoesLastInRoute() {
        SipResponse ok = response(INVITE, 200, "<sip:p2.example.com;lr>", "<sip:strict.example.com;method=INVITE>");
        Dialog d = Dialog.asUac(INVITE, ok);
        DialogRequest bye = d.createRequest("BYE");

        // §12.2.1.1: "the UAC MUST place the first URI from the route set into the Request-URI, stripping any
        // parameters that are not allowed in a Request-URI ... then place the remote target URI into the Route header field as the last value"
        assertThat(bye.request().requestUri()).hasToString("sip:strict.example.com");
        assertThat(bye.request().headerValues("Route"))
                .containsExactly("<sip:p2.example.com;lr>", "<sip:bob@127.0.0.2:5070;transport=tcp>");
        assertThat(bye.nextHop()).hasToString("sip:strict.example.com");
    }

    @Test
    void aLowerRemoteCSeqIsOutOfOrderButAckAndCancelNeverAre() {
        Dialog d = Dialog.asUas(INVITE, response(INVITE, 200));
        SipRequest info = request("INFO", 8, null);
        SipRequest stale = request("INFO", 6, null);

        assertThat(d.isOutOfOrder(info)).isFalse();
        d.onRequest(info);
        assertThat(d.remoteSeq()).isEqualTo(8);
        assertThat(d.isOutOfOrder(stale)).as("the caller answers 500").isTrue();
        assertThatThrownBy(() -> d.onRequest(stale)).isInstanceOf(IllegalArgumentException.class);
        assertThat(d.isOutOfOrder(request("ACK", 7, null))).isFalse();
        d.onRequest(request("ACK", 7, null));
        assertThat(d.remoteSeq()).isEqualTo(8);
    }

    @Test
    void aReInviteAndA2xxToUpdateRefreshTheRemoteTarget() {
        Dialog d = Dialog.asUas(INVITE, response(INVITE, 200));
        d.onRequest(request("INVITE", 8, "<sip:alice@192.0.2.9:5099>"));
        assertThat(d.remoteTarget()).hasToString("sip:alice@192.0.2.9:5099");
        d.onRequest(request("INFO", 9, "<sip:alice@192.0.2.10>"));
        assertThat(d.remoteTarget()).as("INFO is not a target refresh request").hasToString("sip:alice@192.0.2.9:5099");

        DialogRequest update = d.createRequest("UPDATE");
        SipResponse ok = update.request().createResponse(200).toBuilder().set("Contact", "<sip:alice@192.0.2.11>").build();
        d.onResponse(update.request(), ok);
        assertThat(d.remoteTarget()).hasToString("sip:alice@192.0.2.11");
    }

    @Test
    void a481ToAnInDialogRequestTerminatesTheDialog() {
        Dialog d = Dialog.asUac(INVITE, response(INVITE, 200));
        DialogRequest info = d.createRequest("INFO");
        d.onResponse(info.request(), info.request().createResponse(481));

        assertThat(d.state()).isEqualTo(Dialog.State.TERMINATED);
        assertThat(d.state().mayCreateRequests()).isFalse();
        assertThatThrownBy(() -> d.createRequest("BYE")).isInstanceOf(IllegalStateException.class).hasMessageContaining("TERMINATED");
    }

    @Test
    void a481Or408ToARequestStillOutstandingWhenTheDialogEndedIsTakenQuietly() {
        Dialog d = Dialog.asUac(INVITE, response(INVITE, 200));
        DialogRequest update = d.createRequest("UPDATE");
        DialogRequest info = d.createRequest("INFO");
        DialogRequest bye = d.createRequest("BYE");
        d.terminate();

        d.onResponse(bye.request(), bye.request().createResponse(481));
        d.onResponse(update.request(), update.request().createResponse(408));
        d.onResponse(info.request(), info.request().createResponse(481));

        assertThat(d.state()).isEqualTo(Dialog.State.TERMINATED);
    }

    @Test
    void aResponseWithoutToTagMakesNoDialog() {
        assertThatThrownBy(() -> Dialog.asUac(INVITE, INVITE.createResponse(180))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dialog.asUac(INVITE, response(INVITE, 486))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTableFindsADialogByIncomingRequestAndByResponse() {
        DialogTable table = new DialogTable();
        Dialog uas = Dialog.asUas(INVITE, response(INVITE, 200));
        table.put(uas);
        assertThat(table.forRequest(request("BYE", 8, null))).isSameAs(uas);
        assertThat(table.forRequest(INVITE)).as("no To tag: not in a dialog").isNull();

        Dialog uac = Dialog.asUac(INVITE, response(INVITE, 200));
        table.put(uac);
        assertThat(table.forResponse(response(INVITE, 200))).isSameAs(uac);
        uac.terminate();
        assertThat(table.removeTerminated()).isEqualTo(1);
        assertThat(table.size()).isEqualTo(1);
    }

    /** An in-dialog request from Alice to Bob's UAS dialog. */
    private static SipRequest request(String method, long cseq, String contact) {
        SipRequest.Builder b = SipRequest.builder(method, SipUri.parse("sip:bob@127.0.0.2:5070"))
                .add("Via", "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK" + method + cseq)
                .add("From", "<sip:alice@example.com>;tag=alice1")
                .add("To", Address.parse("<sip:bob@example.com>").withTag("bob1"))
                .add("Call-ID", "call-1@127.0.0.1")
                .add("CSeq", cseq + " " + method);
        if (contact != null) {
            b.add("Contact", contact);
        }
        return b.build();
    }
}
