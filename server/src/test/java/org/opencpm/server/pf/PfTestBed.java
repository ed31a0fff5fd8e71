package org.opencpm.server.pf;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import org.opencpm.common.time.VirtualScheduler;
import org.opencpm.server.ServerCore;
import org.opencpm.server.config.ConfigLoader;
import org.opencpm.server.config.ServerConfig;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.sim.SimNetwork;
import org.opencpm.sip.sim.SimNode;
import org.opencpm.sip.sim.SimPeer;
import org.opencpm.sip.transport.HostPort;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;

/**
 * The server (embedded core + PF) on the in-memory network under virtual time, with scripted SIP peers
 * as CPM clients, a recording media plane and a recording history: procedure tests read like transcripts.
 */
public final class PfTestBed {

    public static final String SESSION_ICSI = "urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.session";

    public final VirtualScheduler clock = new VirtualScheduler();
    public final SimNetwork net = new SimNetwork(clock, 42);
    public final SimNode server = net.node("127.0.0.1", 5060);
    public final Target serverTarget = new Target(Transport.UDP, new InetSocketAddress("127.0.0.1", 5060));
    public final RecordingMediaPlane media = new RecordingMediaPlane();
    public final RecordingHistory history = new RecordingHistory();
    public final ServerCore core;
    private int seq;

    public PfTestBed() {
        this("");
    }

    public PfTestBed(String extraYaml) {
        ServerConfig config;
        try {
            config = ConfigLoader.load("domain: example.com\n" + extraYaml, "test.yaml");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        core = ServerCore.assemble(config, server, clock, Set.of(new HostPort("127.0.0.1", 5060)), serverTarget, media,
                history);
    }

    public ParticipatingFunction pf() {
        return core.participatingFunction();
    }

    /** A CPM client of {@code user} at {@code host}, registered with the CPM session ICSI (and instance {@code user}-dev). */
    public SimPeer client(String user, String host) {
        SimPeer p = net.peer(host, 5060);
        register(p, user, ";+sip.instance=\"<urn:uuid:" + user + "-dev>\";+g.3gpp.icsi-ref=\"" + SESSION_ICSI + "\"");
        return p;
    }

    public void register(SimPeer p, String user, String contactParams) {
        SipRequest reg = p.newRequest(SipRequest.REGISTER, "sip:example.com")
                .set(HeaderNames.FROM, "<sip:" + user + "@example.com>;tag=r" + (++seq))
                .set(HeaderNames.TO, "<sip:" + user + "@example.com>")
                .set(HeaderNames.CONTACT, "<sip:" + user + "@" + p.node().address().getHostString() + ":5060>" + contactParams)
                .add(HeaderNames.EXPIRES, 3600)
                .build();
        p.send(reg, serverTarget);
        p.expectResponse(200);
    }

    /** An INVITE for a 1-1 CPM session from {@code from}'s client to {@code toUri}, with an MSRP offer. */
    public SipRequest.Builder invite(SimPeer from, String fromUser, String toUri) {
        String host = from.node().address().getHostString();
        return from.newRequest(SipRequest.INVITE, toUri)
                .set(HeaderNames.FROM, "<sip:" + fromUser + "@example.com>;tag=i" + (++seq))
                .set(HeaderNames.CONTACT, "<sip:" + fromUser + "@" + host + ":5060>;+g.3gpp.icsi-ref=\"" + SESSION_ICSI + "\"")
                .add(HeaderNames.ACCEPT_CONTACT, "*;+g.3gpp.icsi-ref=\"" + SESSION_ICSI + "\"")
                .add(HeaderNames.CONTRIBUTION_ID, "contrib-" + seq)
                .add(HeaderNames.CONVERSATION_ID, "conv-" + seq)
                .add(HeaderNames.USER_AGENT, "CPM-client/OMA2.1 test")
                .body("application/sdp", sdp(host, "c" + seq, "active"));
    }

    public static String sdp(String host, String sessionId, String setup) {
        return "v=0\r\no=- 1 1 IN IP4 " + host + "\r\ns=-\r\nc=IN IP4 " + host + "\r\nt=0 0\r\n"
                + "m=message 9 TCP/MSRP *\r\na=accept-types:message/cpim\r\n"
                + "a=accept-wrapped-types:text/plain message/imdn+xml\r\n"
                + "a=path:msrp://" + host + ":9/" + sessionId + ";tcp\r\na=setup:" + setup + "\r\n";
    }

    /** The answering client's 200 with an MSRP answer (passive: it listens). */
    public static SipResponse answer(SimPeer callee, SipRequest invite, String sessionId) {
        String host = callee.node().address().getHostString();
        return invite.createResponse(200).toBuilder()
                .set(HeaderNames.TO, invite.to().withTag("callee" + sessionId))
                .set(HeaderNames.CONTACT, "<sip:callee@" + host + ":5060>")
                .body("application/sdp", sdp(host, sessionId, "passive"))
                .build();
    }

    /** An in-dialog request from a client, given the INVITE it sent and the 2xx it got. */
    public static SipRequest inDialog(SimPeer peer, String method, SipRequest invite, SipResponse ok, int cseq) {
        return SipRequest.builder(method, ok.contacts().get(0).uri())
                .add(HeaderNames.VIA, "SIP/2.0/UDP " + peer.node().sentBy(Transport.UDP) + ";branch=" + peer.newBranch() + ";rport")
                .add(HeaderNames.MAX_FORWARDS, 70)
                .add(HeaderNames.FROM, invite.header(HeaderNames.FROM))
                .add(HeaderNames.TO, ok.header(HeaderNames.TO))
                .add(HeaderNames.CALL_ID, invite.callId())
                .add(HeaderNames.CSEQ, cseq + " " + method)
                .build();
    }

    /** Lets every timer run out (transactions end), within bounds. */
    public void settle() {
        clock.runUntilIdle(Duration.ofMinutes(5));
    }
}
