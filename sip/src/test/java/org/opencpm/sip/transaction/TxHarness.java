package org.opencpm.sip.transaction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.opencpm.common.time.VirtualScheduler;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.sim.SimNetwork;
import org.opencpm.sip.sim.SimNode;
import org.opencpm.sip.sim.SimPacket;
import org.opencpm.sip.sim.SimPeer;
import org.opencpm.sip.transport.Inbound;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;

/**
 * The stack under test (a {@link TransactionLayer} on node 127.0.0.1:5060 with a recording TU) and a
 * scripted peer at 127.0.0.2:5070, on one virtual clock.
 */
final class TxHarness {

    final VirtualScheduler clock = new VirtualScheduler();
    final SimNetwork net = new SimNetwork(clock);
    final SimNode node = net.node("127.0.0.1", 5060);
    final SimPeer peer = net.peer("127.0.0.2", 5070);
    final RecordingTu tu = new RecordingTu();
    final TransactionLayer layer;
    private int calls;

    TxHarness() {
        this(SipTimers.DEFAULT);
    }

    TxHarness(SipTimers timers) {
        layer = new TransactionLayer(node, clock, timers, tu);
    }

    Target peerTarget(Transport t) {
        return peer.target(t);
    }

    /** A request from the stack to the peer, without Via (the layer pushes it). */
    SipRequest request(String method) {
        int n = ++calls;
        return SipRequest.builder(method, SipUri.parse("sip:bob@127.0.0.2:5070"))
                .add(HeaderNames.MAX_FORWARDS, 70)
                .add(HeaderNames.FROM, "<sip:alice@example.com>;tag=a" + n)
                .add(HeaderNames.TO, "<sip:bob@example.com>")
                .add(HeaderNames.CALL_ID, "c" + n + "@127.0.0.1")
                .add(HeaderNames.CSEQ, "1 " + method)
                .add(HeaderNames.CONTACT, "<sip:alice@127.0.0.1:5060>")
                .build();
    }

    /** Virtual instants (ms) at which packets {@code which} matches were sent. */
    List<Long> sentAt(java.util.function.Predicate<SimPacket> which) {
        return net.trace(which).stream().map(p -> p.at().toMillis()).toList();
    }

    long now() {
        return clock.elapsed().toMillis();
    }

    void advance(long millis) {
        clock.advance(Duration.ofMillis(millis));
    }

    void advanceTo(long millis) {
        clock.advanceTo(Duration.ofMillis(millis).toNanos());
    }

    /** Records what a client transaction reports, with the virtual instant. */
    final class Recorder implements ClientTransactionListener {
        final List<String> events = new ArrayList<>();
        final List<SipResponse> responses = new ArrayList<>();
        TransactionFailure failure;

        @Override
        public void onProvisionalResponse(ClientTransaction tx, SipResponse response) {
            responses.add(response);
            events.add(now() + " provisional " + response.status());
        }

        @Override
        public void onFinalResponse(ClientTransaction tx, SipResponse response) {
            responses.add(response);
            events.add(now() + " final " + response.status());
        }

        @Override
        public void on2xxRetransmission(ClientTransaction tx, SipResponse response) {
            responses.add(response);
            events.add(now() + " 2xx again " + response.status());
        }

        @Override
        public void onFailure(ClientTransaction tx, TransactionFailure f) {
            failure = f;
            events.add(now() + " failure " + f.asStatus());
        }
    }

    /** A TU that records and, if told, answers. */
    final class RecordingTu implements TransactionUser {
        final List<ServerTransaction> requests = new ArrayList<>();
        final List<Inbound> acks = new ArrayList<>();
        final List<SipRequest> cancels = new ArrayList<>();
        final List<Inbound> stray = new ArrayList<>();
        final List<String> terminated = new ArrayList<>();
        java.util.function.Consumer<ServerTransaction> onRequest = tx -> { };

        @Override
        public void onRequest(ServerTransaction tx, SipRequest request) {
            requests.add(tx);
            onRequest.accept(tx);
        }

        @Override
        public void onAck(Inbound ack) {
            acks.add(ack);
        }

        @Override
        public void onCancel(ServerTransaction inviteTx, SipRequest cancel) {
            cancels.add(cancel);
        }

        @Override
        public void onStrayResponse(Inbound response) {
            stray.add(response);
        }

        @Override
        public void onTerminated(ServerTransaction tx) {
            terminated.add(now() + " " + tx.request().method());
        }
    }

    /** A response with a To tag, for the stack's TU to send. */
    static SipResponse answer(SipRequest request, int status) {
        SipResponse r = request.createResponse(status);
        if (status == 100 || request.to().tag() != null) {
            return r;
        }
        return r.toBuilder().set(HeaderNames.TO, Address.parse(request.header(HeaderNames.TO)).withTag("uas1")).build();
    }
}
