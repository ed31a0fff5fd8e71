package org.opencpm.server.cf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.opencpm.common.time.VirtualScheduler;
import org.opencpm.server.ServerCore;
import org.opencpm.server.config.ConfigLoader;
import org.opencpm.server.config.ServerConfig;
import org.opencpm.server.pf.media.MediaPlane;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.MultipartBody;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.sim.SimNetwork;
import org.opencpm.sip.sim.SimNode;
import org.opencpm.sip.sim.SimPeer;
import org.opencpm.sip.transport.HostPort;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;

/**
 * The server (embedded core + PF + CF) on the in-memory network under virtual time. The group's creator
 * talks to the focus directly (a client the core does not know, as behind an external core); invitees are
 * registered clients, reached through their terminating PFs. No static route for the served domain: in-dialog
 * requests for a focus URI find the CF through the embedded core's Record-Route.
 */
final class CfTestBed {

    static final String SESSION_ICSI = "urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.session";
    static final String FACTORY = "sip:chat@example.com";

    final VirtualScheduler clock = new VirtualScheduler();
    final SimNetwork net = new SimNetwork(clock, 42);
    final SimNode server = net.node("127.0.0.1", 5060);
    final Target serverTarget = new Target(Transport.UDP, new InetSocketAddress("127.0.0.1", 5060));
    final RecordingGroupMedia media = new RecordingGroupMedia();
    final ServerCore core;
    private int seq;

    CfTestBed() {
        this("");
    }

    CfTestBed(String extraYaml) {
        this(extraYaml, null);
    }

    /** With {@code groupMedia} as the CF's media plane instead of the recording one (socket tests). */
    CfTestBed(String extraYaml, GroupMedia groupMedia) {
        ServerConfig config;
        try {
            config = ConfigLoader.load("domain: example.com\n" + extraYaml, "test.yaml");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        core = ServerCore.assemble(config, server, clock, Set.of(new HostPort("127.0.0.1", 5060)), serverTarget,
                new NoMedia(), groupMedia != null ? groupMedia : media, org.opencpm.server.pf.SessionHistory.NONE);
    }

    ControllingFunction cf() {
        return core.controllingFunction();
    }

    /** A registered CPM client of {@code user}. */
    SimPeer client(String user, String host) {
        SimPeer p = net.peer(host, 5060);
        SipRequest reg = p.newRequest(SipRequest.REGISTER, "sip:example.com")
                .set(HeaderNames.FROM, "<sip:" + user + "@example.com>;tag=r" + (++seq))
                .set(HeaderNames.TO, "<sip:" + user + "@example.com>")
                .set(HeaderNames.CONTACT, "<sip:" + user + "@" + host + ":5060>;+sip.instance=\"<urn:uuid:" + user
                        + "-dev>\";+g.3gpp.icsi-ref=\"" + SESSION_ICSI + "\"")
                .add(HeaderNames.EXPIRES, 3600)
                .build();
        p.send(reg, serverTarget);
        p.expectResponse(200);
        return p;
    }

    /** A client the core does not know, talking to the focus directly. */
    SimPeer direct(String host) {
        return net.peer(host, 5060);
    }

    /** The RFC 5366 INVITE to the conference factory: multipart/mixed SDP + recipient list. */
    SipRequest createInvite(SimPeer from, String user, String conversationId, List<String> invitees) {
        String host = from.node().address().getHostString();
        MultipartBody body = MultipartBody.builder("mixed")
                .part("application/sdp", sdp(host, "c" + (++seq), "active"))
                .part(MultipartBody.Part.of("application/resource-lists+xml", ResourceLists.document(invitees))
                        .with(HeaderNames.CONTENT_DISPOSITION, "recipient-list"))
                .build();
        return invite(from, user, FACTORY, conversationId)
                .add(HeaderNames.REQUIRE, "recipient-list-invite")
                .body(body.contentType().toString(), body.toBytes())
                .build();
    }

    /** An INVITE with a plain SDP body (re-join or restart to a focus URI). */
    SipRequest sdpInvite(SimPeer from, String user, String ruri, String conversationId) {
        return invite(from, user, ruri, conversationId)
                .body("application/sdp", sdp(from.node().address().getHostString(), "c" + (++seq), "active")).build();
    }

    private SipRequest.Builder invite(SimPeer from, String user, String ruri, String conversationId) {
        String host = from.node().address().getHostString();
        return from.newRequest(SipRequest.INVITE, ruri)
                .set(HeaderNames.FROM, "<sip:" + user + "@example.com>;tag=i" + (++seq))
                .set(HeaderNames.CONTACT, "<sip:" + user + "@" + host + ":5060>;+g.3gpp.icsi-ref=\"" + SESSION_ICSI + "\"")
                .add(HeaderNames.ACCEPT_CONTACT, "*;+g.3gpp.icsi-ref=\"" + SESSION_ICSI + "\"")
                .add(HeaderNames.CONTRIBUTION_ID, "contrib-" + seq)
                .add(HeaderNames.CONVERSATION_ID, conversationId)
                .add(HeaderNames.SUBJECT, "Weekend");
    }

    static String sdp(String host, String sessionId, String setup) {
        return "v=0\r\no=- 1 1 IN IP4 " + host + "\r\ns=-\r\nc=IN IP4 " + host + "\r\nt=0 0\r\n"
                + "m=message 9 TCP/MSRP *\r\na=accept-types:message/cpim\r\n"
                + "a=accept-wrapped-types:text/plain message/imdn+xml\r\n"
                + "a=path:msrp://" + host + ":9/" + sessionId + ";tcp\r\na=setup:" + setup + "\r\n";
    }

    /** An invitee's 200 with an MSRP answer. */
    static SipResponse answer(SimPeer callee, SipRequest invite, String sessionId) {
        String host = callee.node().address().getHostString();
        return invite.createResponse(200).toBuilder()
                .set(HeaderNames.TO, invite.to().withTag("callee" + sessionId))
                .set(HeaderNames.CONTACT, "<sip:callee@" + host + ":5060>")
                .body("application/sdp", sdp(host, sessionId, "passive"))
                .build();
    }

    /** An invitee answers the INVITE it got (through its PF) and takes the relayed ACK. */
    SipResponse join(SimPeer callee, SipRequest invite, String sessionId) {
        SipResponse ok = answer(callee, invite, sessionId);
        callee.respond(invite, ok);
        callee.expectRequest("ACK");
        return ok;
    }

    /** An in-dialog request from the side that sent {@code invite} and got {@code ok}; sent to the server. */
    SipRequest.Builder fromCaller(SimPeer peer, String method, SipRequest invite, SipResponse ok, int cseq) {
        return SipRequest.builder(method, ok.contacts().get(0).uri())
                .add(HeaderNames.VIA, "SIP/2.0/UDP " + peer.node().sentBy(Transport.UDP) + ";branch=" + peer.newBranch() + ";rport")
                .add(HeaderNames.MAX_FORWARDS, 70)
                .add(HeaderNames.FROM, invite.header(HeaderNames.FROM))
                .add(HeaderNames.TO, ok.header(HeaderNames.TO))
                .add(HeaderNames.CALL_ID, invite.callId())
                .add(HeaderNames.CSEQ, cseq + " " + method);
    }

    /** An in-dialog request from the side that received {@code invite} and answered {@code ok}. */
    SipRequest.Builder fromCallee(SimPeer peer, String method, SipRequest invite, SipResponse ok, int cseq) {
        return SipRequest.builder(method, invite.contacts().get(0).uri())
                .add(HeaderNames.VIA, "SIP/2.0/UDP " + peer.node().sentBy(Transport.UDP) + ";branch=" + peer.newBranch() + ";rport")
                .add(HeaderNames.MAX_FORWARDS, 70)
                .add(HeaderNames.FROM, ok.header(HeaderNames.TO))
                .add(HeaderNames.TO, invite.header(HeaderNames.FROM))
                .add(HeaderNames.CALL_ID, invite.callId())
                .add(HeaderNames.CSEQ, cseq + " " + method);
    }

    /** A SUBSCRIBE to the conference event package of {@code focus}. */
    SipRequest subscribe(SimPeer peer, String user, String focus) {
        return peer.newRequest(SipRequest.SUBSCRIBE, focus)
                .set(HeaderNames.FROM, "<sip:" + user + "@example.com>;tag=s" + (++seq))
                .add(HeaderNames.EVENT, "conference")
                .add(HeaderNames.ACCEPT, "application/conference-info+xml")
                .add(HeaderNames.EXPIRES, 600)
                .build();
    }

    /** A CPIM message as a client sends it in group chat. */
    static String cpim(String from, String text) {
        return "From: <" + from + ">\r\nTo: <sip:anonymous@anonymous.invalid>\r\nDateTime: 2026-01-01T00:00:00Z\r\n\r\n"
                + "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: " + text.length() + "\r\n\r\n" + text;
    }

    /** Lets every timer run out (transactions end), within bounds. */
    void settle() {
        clock.runUntilIdle(Duration.ofMinutes(5));
    }

    /** Nothing of the CF or the transaction layer is left behind. */
    void assertNoLeaks() {
        settle();
        assertThat(cf().activeSessions()).as("sessions").isZero();
        assertThat(cf().dialogs()).as("CF dialogs").isZero();
        assertThat(cf().subscriptions()).as("subscriptions").isZero();
        assertThat(cf().timers()).as("CF timers").isZero();
        assertThat(cf().pendingRequests()).as("CF requests in flight").isZero();
        assertThat(core.participatingFunction().sessions().size()).as("PF sessions").isZero();
        assertThat(core.transactions().activeTransactions()).as("transactions").isZero();
    }

    /** The PF's media plane is not under test here: joins succeed and do nothing. */
    static final class NoMedia implements MediaPlane {
        private int next;

        @Override
        public org.opencpm.msrp.MsrpUri newLocalUri() {
            return org.opencpm.msrp.MsrpUri.of("127.0.0.1", 2855, "pf" + (++next));
        }

        @Override
        public String address() {
            return "127.0.0.1";
        }

        @Override
        public Relay join(String session, LegMedia clientLeg, LegMedia networkLeg, RelayListener listener) {
            return new Relay() {
                @Override
                public void releaseLeg(Side side) {
                }

                @Override
                public void release() {
                }
            };
        }
    }
}
