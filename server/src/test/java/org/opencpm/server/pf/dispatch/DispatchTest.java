package org.opencpm.server.pf.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencpm.server.pf.ParticipatingFunction.Procedure;
import org.opencpm.server.pf.checks.Rejection;
import org.opencpm.server.pf.pager.PagerTestBed;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.sim.SimPeer;

/**
 * §8.3 request dispatch (PF-T-DSP-01…07, AMB-23): which procedure each initial request reaches, as a
 * numbered table, and what the not-yet-implemented handlers answer on the wire.
 */
class DispatchTest {

    private static final String PFX = "urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.";

    static Stream<Arguments> table() {
        return Stream.of(
                // row, method, Accept-Contact ICSIs (comma list in one value), Event, expected
                Arguments.of(1, "MESSAGE", "msg", null, Procedure.PAGER_MESSAGE),            // PF-T-DSP-01
                Arguments.of(2, "MESSAGE", "largemsg", null, Procedure.PAGER_MESSAGE),       // PF-T-DSP-01
                Arguments.of(3, "MESSAGE", "session", null, Procedure.PAGER_MESSAGE),        // PF-T-DSP-01
                Arguments.of(4, "MESSAGE", "filetransfer", null, Procedure.PAGER_MESSAGE),   // PF-T-DSP-01
                Arguments.of(5, "INVITE", "largemsg", null, Procedure.LARGE_MESSAGE),        // PF-T-DSP-02
                Arguments.of(6, "INVITE", "deferred", null, Procedure.DEFERRED_INVITE),      // PF-T-DSP-03
                Arguments.of(7, "SUBSCRIBE", null, "deferred-messages", Procedure.DEFERRED_MESSAGES_SUBSCRIBE), // PF-T-DSP-04
                Arguments.of(8, "SUBSCRIBE", null, "Deferred-Messages;id=1", Procedure.DEFERRED_MESSAGES_SUBSCRIBE),
                Arguments.of(9, "INVITE", "session", null, Procedure.SESSION_INVITATION),    // PF-T-DSP-05
                Arguments.of(10, "INVITE", "filetransfer", null, Procedure.FILE_TRANSFER),   // PF-T-DSP-06
                // AMB-23 precedence: deferred > largemsg > filetransfer > session
                Arguments.of(11, "INVITE", "session,deferred", null, Procedure.DEFERRED_INVITE),
                Arguments.of(12, "INVITE", "session,largemsg,filetransfer", null, Procedure.LARGE_MESSAGE),
                Arguments.of(13, "INVITE", "session,filetransfer", null, Procedure.FILE_TRANSFER),
                // AMB-23: no CPM tag selecting a procedure for the method
                Arguments.of(14, "MESSAGE", "deferred", null, Procedure.NONE),
                Arguments.of(15, "INVITE", "msg", null, Procedure.NONE),
                Arguments.of(16, "OPTIONS", "session", null, Procedure.NONE),
                Arguments.of(17, "SUBSCRIBE", "session", "conference", Procedure.NONE),
                Arguments.of(18, "MESSAGE", null, null, Procedure.NONE),
                // PF-T-DSP-07: an additional IARI does not change the procedure (default policy skips nothing)
                Arguments.of(19, "INVITE", "session", null, Procedure.SESSION_INVITATION));
    }

    @ParameterizedTest(name = "row {0}: {1} with {2} / Event {3} → {4}")
    @MethodSource("table")
    @DisplayName("PF-T-DSP-01..07 AMB-23: the dispatch table")
    void dispatchTable(int row, String method, String icsis, String event, Procedure expected) {
        SipRequest.Builder b = SipRequest.builder(method, org.opencpm.sip.message.Uri.parse("sip:bob@example.com"))
                .add(HeaderNames.VIA, "SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bKrow" + row)
                .add(HeaderNames.MAX_FORWARDS, 70)
                .add(HeaderNames.FROM, "<sip:alice@example.com>;tag=a")
                .add(HeaderNames.TO, "<sip:bob@example.com>")
                .add(HeaderNames.CALL_ID, "row" + row)
                .add(HeaderNames.CSEQ, "1 " + method);
        if (icsis != null) {
            StringBuilder v = new StringBuilder();
            for (String s : icsis.split(",")) {
                v.append(v.length() == 0 ? "" : ",").append(PFX).append(s);
            }
            String iari = row == 19 ? ";+g.3gpp.iari-ref=\"urn%3Aurn-7%3A3gpp-application.ims.iari.rcs.chatbot\"" : "";
            b.add(HeaderNames.ACCEPT_CONTACT, "*;+g.3gpp.icsi-ref=\"" + v + "\"" + iari);
        }
        if (event != null) {
            b.add(HeaderNames.EVENT, event);
        }
        assertThat(Procedure.select(b.build())).isEqualTo(expected);
    }

    private final PagerTestBed bed = new PagerTestBed();
    private final SimPeer alice = bed.client("alice", "127.0.0.2");

    private SipResponse send(String method, String icsi, String event, int expected) {
        SipRequest.Builder b = alice.newRequest(method, "sip:bob@example.com")
                .set(HeaderNames.FROM, "<sip:alice@example.com>;tag=d");
        if (icsi != null) {
            b.add(HeaderNames.ACCEPT_CONTACT, "*;+g.3gpp.icsi-ref=\"" + PFX + icsi + "\"");
        }
        if (event != null) {
            b.add(HeaderNames.EVENT, event).add(HeaderNames.EXPIRES, 600);
        }
        alice.send(b.build(), bed.serverTarget);
        SipResponse r = alice.expectResponse(expected);
        assertThat(r.to().tag()).isNotNull();
        return r;
    }

    @Test
    @DisplayName("PF-T-DSP-02: an INVITE with largemsg reaches the large-message handler: 488 not yet supported")
    void largeMessageInviteIsAnswered488() {
        assertThat(send("INVITE", "largemsg", null, 488).reason()).contains("Large message");
    }

    @Test
    @DisplayName("PF-T-DSP-03: an INVITE with deferred reaches its handler: 488 not yet supported")
    void deferredInviteIsAnswered488() {
        assertThat(send("INVITE", "deferred", null, 488).reason()).contains("Deferred");
    }

    @Test
    @DisplayName("PF-T-DSP-04: a SUBSCRIBE to deferred-messages (no CPM tag needed) reaches its handler: 489")
    void deferredMessagesSubscribeIsAnswered489() {
        assertThat(send("SUBSCRIBE", null, "deferred-messages", 489).reason()).contains("deferred-messages");
    }

    @Test
    @DisplayName("PF-T-DSP-06: an INVITE with filetransfer reaches the file-transfer handler: 488 not yet supported")
    void fileTransferInviteIsAnswered488() {
        assertThat(send("INVITE", "filetransfer", null, 488).reason()).contains("File transfer");
    }

    @Test
    @DisplayName("AMB-23: a CPM request that selects no procedure gets 403, and the answer is configurable")
    void noProcedureGets403AndIsConfigurable() {
        send("INVITE", "msg", null, 403);
        bed.pf().setNoProcedureRejection(Rejection.of(488, "Not Acceptable Here"));
        send("OPTIONS", "session", null, 488);
    }
}
