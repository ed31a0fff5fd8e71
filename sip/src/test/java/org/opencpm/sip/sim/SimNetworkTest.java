package org.opencpm.sip.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencpm.common.time.VirtualScheduler;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.transport.Flow;
import org.opencpm.sip.transport.Inbound;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;

/*
 * The in-memory network: what its nodes do as a transport (RFC 3261 §18.2.1, RFC 3581 §4, RFC 4475
 * 400 responses) and its named faults (drop, delay, duplicate, reorder, close, stall), on virtual time.
 */
class SimNetworkTest {

    private final VirtualScheduler clock = new VirtualScheduler();
    private final SimNetwork net = new SimNetwork(clock);
    private final SimNode server = net.node("127.0.0.1", 5060);
    private final SimPeer peer = net.peer("127.0.0.2", 5070);
    private final List<Inbound> received = new ArrayList<>();

    SimNetworkTest() {
        server.setHandler(received::add);
    }

    private SipRequest message(String body) {
        return peer.newRequest("MESSAGE", "sip:alice@127.0.0.1").body("text/plain", body).build();
    }

    private List<String> bodies() {
        return received.stream().map(in -> in.message().bodyAsString()).toList();
    }

    @Test
    void aMessageIsReparsedAtTheReceiverWithReceivedAndRportStamped() {
        SipRequest m = message("hi").toBuilder()
                .set("Via", "SIP/2.0/UDP peer.example.com:5070;branch=z9hG4bK1;rport").build();
        peer.send(m, server.target(Transport.UDP));
        clock.runPending();

        assertThat(received).hasSize(1);
        SipRequest in = (SipRequest) received.get(0).message();
        assertThat(in).isNotSameAs(m);
        assertThat(in.topVia().received()).isEqualTo("127.0.0.2");
        assertThat(in.topVia().rport()).isEqualTo(5070);
        assertThat(received.get(0).flow().remote().getPort()).isEqualTo(5070);
    }

    @Test
    void aMalformedRequestIsAnswered400WithTheFaultAsReasonPhrase() {
        peer.send(message("x").toBuilder().set("Max-Forwards", "many").build(), server.target(Transport.UDP));

        SipResponse r = peer.expectResponse(400);
        assertThat(r.reason()).contains("Max-Forwards");
        assertThat(r.to().tag()).isNotNull();
        assertThat(received).isEmpty();
    }

    @Test
    void aMalformedResponseIsDroppedAndCounted() {
        SipResponse broken = message("x").createResponse(200).toBuilder().set("CSeq", "one MESSAGE").build();
        peer.send(broken, server.target(Transport.UDP));
        clock.runPending();

        assertThat(received).isEmpty();
        assertThat(server.unparseableCount()).isEqualTo(1);
    }

    @Test
    void latencyAndADelayFaultMoveTheArrivalInstant() {
        net.setLatency(Duration.ofMillis(10));
        net.delayNext(p -> p.message().bodyAsString().equals("2"), Duration.ofMillis(100));
        peer.send(message("1"), server.target(Transport.UDP));
        peer.send(message("2"), server.target(Transport.UDP));
        peer.send(message("3"), server.target(Transport.UDP));

        clock.advance(Duration.ofMillis(9));
        assertThat(received).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(bodies()).containsExactly("1", "3");
        clock.advance(Duration.ofMillis(100));
        assertThat(bodies()).containsExactly("1", "3", "2");
        assertThat(net.trace()).extracting(SimPacket::fault).containsExactly(null, "delay", null);
    }

    @Test
    void dropDuplicateAndReorderHitTheMatchingPacketsOnly() {
        net.dropNext(1, p -> p.message().bodyAsString().equals("1"));
        net.duplicateNext(p -> p.message().bodyAsString().equals("2"));
        net.reorderNext(p -> p.message().bodyAsString().equals("3"));
        for (String b : List.of("1", "2", "3", "4")) {
            peer.send(message(b), server.target(Transport.UDP));
        }
        clock.runPending();

        assertThat(bodies()).containsExactly("2", "2", "4", "3");
    }

    @Test
    void randomDropsRepeatForTheSameSeed() {
        assertThat(randomRun(42)).isEqualTo(randomRun(42)).isNotEqualTo(randomRun(7));
    }

    private List<String> randomRun(long seed) {
        VirtualScheduler c = new VirtualScheduler();
        SimNetwork n = new SimNetwork(c, seed);
        n.node("127.0.0.1", 5060);
        SimPeer p = n.peer("127.0.0.2", 5070);
        n.dropRandomly(0.5, SimPacket.any());
        for (int i = 0; i < 32; i++) {
            p.send(p.newRequest("OPTIONS", "sip:127.0.0.1").build(), Target.parse("udp:127.0.0.1:5060"));
        }
        return n.trace().stream().map(x -> String.valueOf(x.fault())).toList();
    }

    @Test
    void closingATcpFlowLosesWhatIsInFlightAndTheNextSendReconnects() {
        net.setLatency(Duration.ofMillis(5));
        peer.send(message("lost"), server.target(Transport.TCP));
        Flow flow = peer.node().connections().get(0);
        ((SimFlow) flow).close();
        clock.advance(Duration.ofMillis(10));
        assertThat(received).isEmpty();
        assertThat(flow.isOpen()).isFalse();
        assertThat(server.connections()).isEmpty();

        peer.send(message("again"), server.target(Transport.TCP));
        clock.advance(Duration.ofMillis(10));
        assertThat(bodies()).containsExactly("again");
        assertThat(received.get(0).flow().remote().getPort()).isNotEqualTo(flow.local().getPort());
    }

    @Test
    void sendingToAClosedFlowOrToNobodyOverTcpFails() {
        List<String> failures = new ArrayList<>();
        server.send(message("x"), Target.parse("tcp:127.0.0.9:5060"), failures::add);
        clock.runPending();
        assertThat(failures).singleElement().asString().contains("connection refused");
    }

    @Test
    void aStalledNodeGetsItsMessagesInOrderWhenItResumes() {
        server.stall();
        peer.send(message("1"), server.target(Transport.UDP));
        peer.send(message("2"), server.target(Transport.TCP));
        clock.advance(Duration.ofSeconds(10));
        assertThat(received).isEmpty();

        server.resume();
        assertThat(bodies()).containsExactly("1", "2");
    }

    @Test
    void theScriptedPeerWaitsOnlyAsLongAsTheNextArrival() {
        net.setLatency(Duration.ofMillis(30));
        SimPeer other = net.peer("127.0.0.3", 5060);
        other.send(other.newRequest("OPTIONS", "sip:127.0.0.2:5070").build(), peer.target(Transport.UDP));

        SipRequest options = peer.expectRequest("OPTIONS");
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(30));
        peer.respond(options, 200);
        assertThat(other.expectResponse(200).to().tag()).isNotNull();
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(60));
        peer.expectNothing(Duration.ofSeconds(1));
    }
}
