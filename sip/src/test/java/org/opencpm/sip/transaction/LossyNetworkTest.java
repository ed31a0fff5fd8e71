package org.opencpm.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencpm.common.time.VirtualScheduler;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.sim.SimNetwork;
import org.opencpm.sip.sim.SimNode;
import org.opencpm.sip.sim.SimPacket;
import org.opencpm.sip.transport.Inbound;
import org.opencpm.sip.transport.Transport;

/*
 * Two transaction layers talking over a lossy UDP network (30 % of packets dropped at random, seeded).
 *
 * Verifies, for many MESSAGE transactions and INVITE transactions answered 486:
 *  - §17.1.2.2 / §17.2.2  retransmission (Timer E) and response re-sending get most transactions through
 *  - every client transaction ends exactly once, with a final response or a Timeout (Timer B/F)
 *  - the UAS's TU sees each request once, whatever was retransmitted
 *  - §17.2.1  an ACK lost for good ends the server side by Timer H
 *  - no transaction outlives its timers on either side, and no state machine sees an unexpected event
 */
class LossyNetworkTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void transactionsSurviveThirtyPercentLossAndNothingLeaks(long seed) {
        VirtualScheduler clock = new VirtualScheduler();
        SimNetwork net = new SimNetwork(clock, seed);
        net.setLatency(Duration.ofMillis(20));
        SimNode uacNode = net.node("127.0.0.1", 5060);
        SimNode uasNode = net.node("127.0.0.2", 5060);
        List<String> seenByUas = new ArrayList<>();
        TransactionLayer uac = new TransactionLayer(uacNode, clock, SipTimers.DEFAULT, new Ignoring());
        TransactionLayer uas = new TransactionLayer(uasNode, clock, SipTimers.DEFAULT, new Ignoring() {
            @Override
            public void onRequest(ServerTransaction tx, SipRequest request) {
                seenByUas.add(request.callId());
                int status = request.isMethod("INVITE") ? 486 : 200;
                tx.respond(request.createResponse(status).toBuilder()
                        .set(HeaderNames.TO, request.to().withTag("t")).build());
            }
        });
        net.dropRandomly(0.3, SimPacket.any());

        int finals = 0;
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String method = i % 4 == 0 ? "INVITE" : "MESSAGE";
            Outcome o = new Outcome();
            outcomes.add(o);
            uac.sendRequest(request(method, i), uasNode.target(Transport.UDP), o);
            clock.advance(Duration.ofMillis(100));
        }
        clock.advance(Duration.ofSeconds(70));

        for (Outcome o : outcomes) {
            assertThat(o.ends).as("each transaction ends exactly once").isEqualTo(1);
            if (o.status >= 200 && o.status != 408) {
                finals++;
            }
        }
        assertThat(finals).as("retransmissions get most through 30 % loss").isGreaterThan(50);
        assertThat(seenByUas).doesNotHaveDuplicates();
        assertThat(uac.activeTransactions()).isZero();
        assertThat(uas.activeTransactions()).isZero();
        assertThat(uac.unexpectedEvents()).isZero();
        assertThat(uas.unexpectedEvents()).isZero();
        assertThat(clock.pendingTasks()).isZero();
    }

    private static SipRequest request(String method, int i) {
        return SipRequest.builder(method, SipUri.parse("sip:bob@127.0.0.2"))
                .add(HeaderNames.MAX_FORWARDS, 70)
                .add(HeaderNames.FROM, "<sip:alice@example.com>;tag=f" + i)
                .add(HeaderNames.TO, "<sip:bob@example.com>")
                .add(HeaderNames.CALL_ID, "lossy-" + i)
                .add(HeaderNames.CSEQ, "1 " + method)
                .build();
    }

    private static final class Outcome implements ClientTransactionListener {
        int ends;
        int status;

        @Override
        public void onFinalResponse(ClientTransaction tx, SipResponse response) {
            ends++;
            status = response.status();
        }

        @Override
        public void onFailure(ClientTransaction tx, TransactionFailure failure) {
            ends++;
            status = failure.asStatus();
        }
    }

    private static class Ignoring implements TransactionUser {
        @Override
        public void onRequest(ServerTransaction tx, SipRequest request) {
        }

        @Override
        public void onAck(Inbound ack) {
        }

        @Override
        public void onCancel(ServerTransaction inviteTx, SipRequest cancel) {
        }
    }
}
