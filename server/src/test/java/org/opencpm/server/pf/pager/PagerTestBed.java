package org.opencpm.server.pf.pager;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import org.opencpm.common.time.VirtualScheduler;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.server.ServerCore;
import org.opencpm.server.config.ConfigLoader;
import org.opencpm.server.config.ServerConfig;
import org.opencpm.server.pf.ParticipatingFunction;
import org.opencpm.server.pf.SessionHistory;
import org.opencpm.server.pf.media.MediaPlane;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.sim.SimNetwork;
import org.opencpm.sip.sim.SimNode;
import org.opencpm.sip.sim.SimPeer;
import org.opencpm.sip.transport.HostPort;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;

/**
 * The server (embedded core + both PF roles) on the in-memory network under virtual time, for pager-mode
 * and dispatch tests: CPM clients are scripted SIP peers registered with the session and msg ICSIs.
 * No MSRP is involved, so the media plane refuses to be used.
 */
public final class PagerTestBed {

    public static final String SESSION_ICSI = "urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.session";
    public static final String MSG_ICSI = "urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg";

    public final VirtualScheduler clock = new VirtualScheduler();
    public final SimNetwork net = new SimNetwork(clock, 7);
    public final SimNode server = net.node("127.0.0.1", 5060);
    public final Target serverTarget = new Target(Transport.UDP, new InetSocketAddress("127.0.0.1", 5060));
    public final ServerCore core;
    private int seq;

    public PagerTestBed() {
        this("");
    }

    public PagerTestBed(String extraYaml) {
        ServerConfig config;
        try {
            config = ConfigLoader.load("domain: example.com\n" + extraYaml, "test.yaml");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        core = ServerCore.assemble(config, server, clock, Set.of(new HostPort("127.0.0.1", 5060)), serverTarget,
                new NoMedia(), SessionHistory.NONE);
    }

    public ParticipatingFunction pf() {
        return core.participatingFunction();
    }

    /** A CPM client of {@code user} at {@code host}, registered with the session and msg ICSIs in one list value. */
    public SimPeer client(String user, String host) {
        SimPeer p = net.peer(host, 5060);
        register(p, user, ";+sip.instance=\"<urn:uuid:" + user + "-" + host + ">\";+g.3gpp.icsi-ref=\""
                + SESSION_ICSI + "," + MSG_ICSI + "\"");
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

    /** A pager-mode CPM Standalone Message from {@code fromUser}'s client to {@code toUri}, with a CPIM body. */
    public SipRequest.Builder message(SimPeer from, String fromUser, String toUri) {
        int n = ++seq;
        return from.newRequest(SipRequest.MESSAGE, toUri)
                .set(HeaderNames.FROM, "<sip:" + fromUser + "@example.com>;tag=m" + n)
                .add(HeaderNames.ACCEPT_CONTACT, "*;+g.3gpp.icsi-ref=\"" + MSG_ICSI + "\"")
                .add(HeaderNames.CONTRIBUTION_ID, "contrib-" + n)
                .add(HeaderNames.CONVERSATION_ID, "conv-" + n)
                .add(HeaderNames.USER_AGENT, "CPM-client/OMA2.1 test")
                .body("message/cpim", cpim("sip:" + fromUser + "@example.com", toUri, "Hello " + n));
    }

    public static String cpim(String from, String to, String text) {
        return "From: <" + from + ">\r\nTo: <" + to + ">\r\nDateTime: 2026-11-22T03:00:00Z\r\n"
                + "NS: imdn <urn:ietf:params:imdn>\r\nimdn.Message-ID: M1\r\n"
                + "imdn.Disposition-Notification: positive-delivery\r\n\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + text;
    }

    /** Lets every timer run out (transactions end), within bounds. */
    public void settle() {
        clock.runUntilIdle(Duration.ofMinutes(5));
    }

    private static final class NoMedia implements MediaPlane {
        @Override
        public MsrpUri newLocalUri() {
            return MsrpUri.of("127.0.0.1", 2855, "pf-unused");
        }

        @Override
        public String address() {
            return "127.0.0.1";
        }

        @Override
        public Relay join(String session, LegMedia clientLeg, LegMedia networkLeg, RelayListener listener) {
            throw new AssertionError("no media in pager tests");
        }
    }
}
