package org.opencpm.server.pf.imdn;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.opencpm.common.time.VirtualScheduler;
import org.opencpm.server.ServerCore;
import org.opencpm.server.config.ConfigLoader;
import org.opencpm.server.config.ServerConfig;
import org.opencpm.server.pf.ParticipatingFunction;
import org.opencpm.server.pf.RecordingHistory;
import org.opencpm.server.pf.RecordingMediaPlane;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.sim.SimNetwork;
import org.opencpm.sip.sim.SimNode;
import org.opencpm.sip.sim.SimPeer;
import org.opencpm.sip.transport.HostPort;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;

/**
 * The server (embedded core + both PF roles) on the in-memory network under virtual time, for the
 * disposition-notification procedures: CPM clients are scripted SIP peers with the session and msg ICSIs;
 * a peer that does not register stands for another network's PF. The IMDN cache is the in-memory one (it
 * answers on the calling thread), the history and the procedures' decisions are recorded.
 */
final class ImdnTestBed {

    static final String SESSION_ICSI = "urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.session";
    static final String MSG_ICSI = "urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg";

    final VirtualScheduler clock = new VirtualScheduler();
    final SimNetwork net = new SimNetwork(clock, 11);
    final SimNode server = net.node("127.0.0.1", 5060);
    final Target serverTarget = new Target(Transport.UDP, new InetSocketAddress("127.0.0.1", 5060));
    final RecordingHistory history = new RecordingHistory();
    final List<String> outcomes = new ArrayList<>();
    final ServerCore core;
    private int seq;

    ImdnTestBed() {
        this("");
    }

    ImdnTestBed(String extraYaml) {
        ServerConfig config;
        try {
            config = ConfigLoader.load("domain: example.com\n" + extraYaml, "test.yaml");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        core = ServerCore.assemble(config, server, clock, Set.of(new HostPort("127.0.0.1", 5060)), serverTarget,
                new RecordingMediaPlane(), history);
        pf().notifications().addObserver((user, outcome) -> outcomes.add(user.user() + " " + describe(outcome)));
    }

    static String describe(ImdnOutcome o) {
        String base = o.getClass().getSimpleName() + " " + o.messageId() + " " + o.type();
        if (o instanceof ImdnOutcome.Suppressed s) {
            return base + " " + s.requirement();
        }
        if (o instanceof ImdnOutcome.GeneratedOnBehalf g) {
            return base + " " + g.requirement();
        }
        return base;
    }

    ParticipatingFunction pf() {
        return core.participatingFunction();
    }

    /** A CPM client of {@code user} at {@code host}, registered with the session and msg ICSIs. */
    SimPeer client(String user, String host) {
        SimPeer p = net.peer(host, 5060);
        SipRequest reg = p.newRequest(SipRequest.REGISTER, "sip:example.com")
                .set(HeaderNames.FROM, "<sip:" + user + "@example.com>;tag=r" + (++seq))
                .set(HeaderNames.TO, "<sip:" + user + "@example.com>")
                .set(HeaderNames.CONTACT, "<sip:" + user + "@" + host + ":5060>;+sip.instance=\"<urn:uuid:" + user + "-"
                        + host + ">\";+g.3gpp.icsi-ref=\"" + SESSION_ICSI + "," + MSG_ICSI + "\"")
                .add(HeaderNames.EXPIRES, 3600)
                .build();
        p.send(reg, serverTarget);
        p.expectResponse(200);
        return p;
    }

    /**
     * A pager-mode MESSAGE from {@code fromUser} to {@code toUri} carrying the given IMDN documents (the
     * {@code <imdn>} elements' inner XML, one document each; several make an aggregation).
     */
    SipRequest imdn(SimPeer from, String fromUser, String toUri, String... documents) {
        int n = ++seq;
        String body;
        String cpimHead = "From: <sip:" + fromUser + "@example.com>\r\nTo: <" + toUri + ">\r\n"
                + "NS: imdn <urn:ietf:params:imdn>\r\nimdn.Message-ID: N" + n + "\r\nDateTime: 2026-11-22T03:00:01Z\r\n\r\n";
        if (documents.length == 1) {
            body = cpimHead + "Content-Type: message/imdn+xml\r\nContent-Disposition: notification\r\n\r\n"
                    + xml(documents[0]);
        } else {
            StringBuilder mp = new StringBuilder();
            for (String d : documents) {
                mp.append("--b\r\nContent-Type: message/imdn+xml\r\nContent-Disposition: notification\r\n\r\n")
                        .append(xml(d)).append("\r\n");
            }
            mp.append("--b--\r\n");
            body = cpimHead + "Content-Type: multipart/mixed;boundary=b\r\nContent-Disposition: notification\r\n\r\n" + mp;
        }
        return from.newRequest(SipRequest.MESSAGE, toUri)
                .set(HeaderNames.FROM, "<sip:" + fromUser + "@example.com>;tag=n" + n)
                .add(HeaderNames.ACCEPT_CONTACT, "*;+g.3gpp.icsi-ref=\"" + MSG_ICSI + "\"")
                .add(HeaderNames.CONTRIBUTION_ID, "contrib-n" + n)
                .add(HeaderNames.CONVERSATION_ID, "conv-1")
                .add(HeaderNames.USER_AGENT, "CPM-client/OMA2.1 test")
                .body("message/cpim", body)
                .build();
    }

    static String xml(String inner) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><imdn xmlns=\"urn:ietf:params:xml:ns:imdn\""
                + " xmlns:cpmimdn=\"urn:oma:xml:cpm:imdn-extensions:1.0\">" + inner + "</imdn>";
    }

    static String delivered(String messageId) {
        return doc(messageId, "<delivery-notification><status><delivered/></status></delivery-notification>");
    }

    static String displayed(String messageId) {
        return doc(messageId, "<display-notification><status><displayed/></status></display-notification>");
    }

    static String interworked(String messageId) {
        return doc(messageId, "<cpmimdn:interworking-notification><cpmimdn:status><cpmimdn:legacy-sms/></cpmimdn:status>"
                + "</cpmimdn:interworking-notification>");
    }

    static String doc(String messageId, String notification) {
        return "<message-id>" + messageId + "</message-id><datetime>2026-11-22T03:00:00Z</datetime>" + notification;
    }

    /** A pager-mode chat message with a CPIM body asking for the given dispositions. */
    SipRequest message(SimPeer from, String fromUser, String toUri, String messageId, String dispositions) {
        int n = ++seq;
        String cpim = "From: <sip:" + fromUser + "@example.com>\r\nTo: <" + toUri + ">\r\nDateTime: 2026-11-22T03:00:00Z\r\n"
                + "NS: imdn <urn:ietf:params:imdn>\r\nimdn.Message-ID: " + messageId + "\r\n"
                + "imdn.Disposition-Notification: " + dispositions + "\r\n\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nHello " + n;
        return from.newRequest(SipRequest.MESSAGE, toUri)
                .set(HeaderNames.FROM, "<sip:" + fromUser + "@example.com>;tag=m" + n)
                .add(HeaderNames.ACCEPT_CONTACT, "*;+g.3gpp.icsi-ref=\"" + MSG_ICSI + "\"")
                .add(HeaderNames.CONTRIBUTION_ID, "contrib-" + n)
                .add(HeaderNames.CONVERSATION_ID, "conv-1")
                .body("message/cpim", cpim)
                .build();
    }

    void settle() {
        clock.runUntilIdle(Duration.ofMinutes(5));
    }
}
