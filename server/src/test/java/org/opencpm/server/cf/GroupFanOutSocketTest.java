package org.opencpm.server.cf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.common.time.Cancellable;
import org.opencpm.common.time.Clock;
import org.opencpm.common.time.Scheduler;
import org.opencpm.msrp.MsrpEndpoint;
import org.opencpm.msrp.MsrpSession;
import org.opencpm.msrp.MsrpSessionEvent;
import org.opencpm.msrp.MsrpSessionParameters;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.SetupRole;
import org.opencpm.msrp.sdp.MsrpMedia;
import org.opencpm.server.pf.media.Sdp;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.sim.SimPeer;

/**
 * The focus's fan-out over real MSRP on 127.0.0.1: the CF's {@link MsrpGroupMedia} on one endpoint, the
 * three participants' MSRP sessions on another; SIP runs on the in-memory network (the invitees are in
 * other domains, reached through the core's static routes). MSRP events reach the SIP owner (the test
 * thread, virtual time) through a queue the test pumps.
 */
class GroupFanOutSocketTest {

    private final MsrpEndpoint cfEndpoint = MsrpEndpoint.builder().listen(new InetSocketAddress("127.0.0.1", 0)).build();
    private final MsrpEndpoint clients = MsrpEndpoint.builder().build();
    private final ConcurrentLinkedQueue<Runnable> handedOver = new ConcurrentLinkedQueue<>();
    private final CfTestBed bed = new CfTestBed("routes:\n  - domain: b.example.net\n    next-hop: udp:127.0.0.3:5060\n"
            + "  - domain: c.example.net\n    next-hop: udp:127.0.0.4:5060\n", new MsrpGroupMedia(cfEndpoint, new Handover()));

    @AfterEach
    void close() {
        clients.close();
        cfEndpoint.close();
    }

    /** The SIP owner as MSRP event loops see it: tasks are queued for the test thread. */
    private final class Handover implements Scheduler {
        @Override
        public Clock clock() {
            return bed.clock;
        }

        @Override
        public void execute(Runnable task) {
            handedOver.add(task);
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            throw new UnsupportedOperationException("the CF media plane only hands events over");
        }

        @Override
        public boolean inOwnerThread() {
            return false;
        }
    }

    private String awaitMessage(BlockingQueue<String> q) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Runnable r;
            while ((r = handedOver.poll()) != null) {
                r.run();
            }
            bed.clock.runPending();
            String m = q.poll(5, TimeUnit.MILLISECONDS);
            if (m != null) {
                return m;
            }
        }
        throw new AssertionError("no MSRP message within 10 s");
    }

    private MsrpSession connect(MsrpUri local, String cfSdp, BlockingQueue<String> inbox) {
        MsrpMedia cf = MsrpMedia.parse(Sdp.parse(cfSdp).msrpSection());
        return clients.openSession(new MsrpSessionParameters(local, cf.path(), SetupRole.ACTIVE, List.of("message/cpim")),
                e -> {
                    if (e instanceof MsrpSessionEvent.MessageReceived m) {
                        inbox.add(new String(m.message().body(), StandardCharsets.UTF_8));
                    }
                });
    }

    private static String sdp(MsrpUri local, String setup) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + MsrpMedia.of(local, List.of("message/cpim"), List.of("text/plain"),
                org.opencpm.msrp.sdp.SdpSetup.parse(setup), null).toSdp();
    }

    /** An invitee answers with an active MSRP answer and connects once the focus has its answer. */
    private MsrpSession answer(SimPeer peer, BlockingQueue<String> inbox) {
        SipRequest invite = peer.expectRequest("INVITE");
        MsrpUri local = clients.newLocalUri();
        SipResponse ok = invite.createResponse(200).toBuilder()
                .set(HeaderNames.TO, invite.to().withTag("t" + local.sessionId()))
                .set(HeaderNames.CONTACT, "<sip:u@" + peer.node().address().getHostString() + ":5060>")
                .body("application/sdp", sdp(local, "active")).build();
        peer.respond(invite, ok);
        peer.expectRequest("ACK");
        return connect(local, invite.bodyAsString(), inbox);
    }

    @Test
    @DisplayName("fan-out over sockets: alice's message reaches bob and carol through the focus's MSRP sessions, "
            + "CPIM From set to alice; nothing comes back to alice")
    void aMessageReachesEveryOtherParticipant() throws Exception {
        SimPeer alice = bed.direct("127.0.0.2");
        SimPeer bob = bed.direct("127.0.0.3");
        SimPeer carol = bed.direct("127.0.0.4");
        BlockingQueue<String> aliceIn = new LinkedBlockingQueue<>();
        BlockingQueue<String> bobIn = new LinkedBlockingQueue<>();
        BlockingQueue<String> carolIn = new LinkedBlockingQueue<>();

        MsrpUri aliceLocal = clients.newLocalUri();
        SipRequest invite = bed.createInvite(alice, "alice", "conv-s", List.of("sip:bob@b.example.net", "sip:carol@c.example.net"));
        String multipart = invite.bodyAsString().replaceAll("a=path:[^\r\n]*", "a=path:" + aliceLocal)
                .replace("a=accept-wrapped-types:text/plain message/imdn+xml", "a=accept-wrapped-types:text/plain");
        invite = invite.toBuilder().body(invite.contentType(), multipart).build();
        alice.send(invite, bed.serverTarget);
        SipResponse ok = alice.expectResponse(200);
        alice.send(alice.ackFor(invite, ok), bed.serverTarget);
        MsrpSession aliceMsrp = connect(aliceLocal, ok.bodyAsString(), aliceIn);
        MsrpSession bobMsrp = answer(bob, bobIn);
        MsrpSession carolMsrp = answer(carol, carolIn);

        aliceMsrp.send("message/cpim", CfTestBed.cpim("sip:someone@else.net", "hello group").getBytes(StandardCharsets.UTF_8));
        String atBob = awaitMessage(bobIn);
        String atCarol = awaitMessage(carolIn);
        assertThat(atBob).contains("From: <sip:alice@example.com>").contains("hello group");
        assertThat(atCarol).contains("From: <sip:alice@example.com>").contains("hello group");

        bobMsrp.send("message/cpim", CfTestBed.cpim("sip:bob@b.example.net", "hi all").getBytes(StandardCharsets.UTF_8));
        assertThat(awaitMessage(aliceIn)).contains("hi all").contains("From: <sip:bob@b.example.net>");
        assertThat(awaitMessage(carolIn)).contains("hi all");
        assertThat(aliceIn).isEmpty();

        carolMsrp.close();
        bed.clock.advance(Duration.ofSeconds(601)); // the default inactivity timeout ends the session
        bed.assertNoLeaks();
    }
}
