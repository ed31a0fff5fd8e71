package org.opencpm.server.pf.bye;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.opencpm.server.pf.PfTestBed;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.Via;
import org.opencpm.sip.sim.SimPeer;
import org.opencpm.sip.transport.Transport;

/**
 * The PF test bed with the other CPM entity outside the server: alice and bob are served users with CPM
 * clients; {@code remote} (127.0.0.9) plays the other user's PF or a CF for the domain other.net;
 * {@code isf} (127.0.0.8) plays the ISF/IWF; {@code core} (127.0.0.7) a SIP/IP core node.
 */
public final class ScenarioBed {

    public static final String YAML = "routes:\n  - domain: other.net\n    next-hop: \"udp:127.0.0.9:5060\"\n"
            + "trusted-peers: [\"127.0.0.9:5060\", \"127.0.0.8:5060\", \"127.0.0.7:5060\"]\n"
            + "interworking:\n  isf: \"udp:127.0.0.8:5060\"\n";

    public final PfTestBed bed;
    public final SimPeer alice;
    public final SimPeer bob;
    public final SimPeer remote;
    public final SimPeer isf;
    public final SimPeer core;
    private int baselineTasks;
    private int seq;

    /** What each side of a B2BUA session saw: the caller's INVITE and 200, and the callee's. */
    public record Call(SipRequest invite, SipResponse ok, SipRequest far, SipResponse farOk) {
    }

    public ScenarioBed() {
        this("");
    }

    /** @param pfYaml extra keys under {@code participating-function:} (indented by two spaces), or "" */
    public ScenarioBed(String pfYaml) {
        this(pfYaml, "");
    }

    public ScenarioBed(String pfYaml, String extraYaml) {
        bed = new PfTestBed(YAML + (pfYaml.isEmpty() ? "" : "participating-function:\n" + pfYaml) + extraYaml);
        alice = bed.client("alice", "127.0.0.2");
        bob = bed.client("bob", "127.0.0.3");
        remote = bed.net.peer("127.0.0.9", 5060);
        isf = bed.net.peer("127.0.0.8", 5060);
        core = bed.net.peer("127.0.0.7", 5060);
        bed.settle(); // the REGISTER transactions end; what stays scheduled is the registrations' own
        baselineTasks = bed.clock.pendingTasks();
    }

    /** alice's client → alice's originating PF → the SIP/IP core → the remote PF at other.net (or the ISF). */
    public Call aliceTo(String target, SimPeer callee, String answerContactParams, String... extraHeaders) {
        return aliceTo(target, callee, r -> answerContactParams.isEmpty() ? r : r.toBuilder().set(HeaderNames.CONTACT,
                "<sip:callee@" + callee.node().address().getHostString() + ":5060>" + answerContactParams).build(),
                extraHeaders);
    }

    /** As above; {@code answerEdit} changes the callee's 200 (timer headers, Allow, Contact parameters). */
    public Call aliceTo(String target, SimPeer callee, UnaryOperator<SipResponse> answerEdit, String... extraHeaders) {
        SipRequest.Builder b = bed.invite(alice, "alice", target);
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            b.set(extraHeaders[i], extraHeaders[i + 1]);
        }
        SipRequest invite = b.build();
        alice.send(invite, bed.serverTarget);
        SipRequest far = callee.expectRequest("INVITE");
        SipResponse farOk = answerEdit.apply(PfTestBed.answer(callee, far, "r" + (++seq)));
        callee.respond(far, farOk);
        SipResponse ok = alice.expectResponse(200);
        alice.send(alice.ackFor(invite, ok));
        callee.expectRequest("ACK");
        return new Call(invite, ok, far, farOk);
    }

    /** The remote PF (zoe@other.net) → bob's terminating PF → bob's client(s): {@code answering} answers. */
    public Call remoteToBob(SimPeer answering) {
        return remoteTo("sip:bob@example.com", answering, r -> r);
    }

    /** The remote PF (zoe@other.net) → a served user's terminating PF; {@code extraHeaders} set on its INVITE. */
    public Call remoteTo(String user, SimPeer answering, UnaryOperator<SipResponse> answerEdit, String... extraHeaders) {
        SipRequest.Builder ib = bed.invite(remote, "zoe", user)
                .set(HeaderNames.FROM, "<sip:zoe@other.net>;tag=z" + (++seq));
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            ib.set(extraHeaders[i], extraHeaders[i + 1]);
        }
        SipRequest invite = ib.build();
        remote.send(invite, bed.serverTarget);
        SipRequest far = answering.expectRequest("INVITE");
        SipResponse farOk = answerEdit.apply(PfTestBed.answer(answering, far, "b" + seq));
        answering.respond(far, farOk);
        SipResponse ok = remote.expectResponse(200);
        remote.send(remote.ackFor(invite, ok));
        answering.expectRequest("ACK");
        return new Call(invite, ok, far, farOk);
    }

    /** An in-dialog request from the UAS side of a dialog: {@code received} was its INVITE, {@code sent} its 2xx. */
    public static SipRequest uasRequest(SimPeer peer, String method, SipRequest received, SipResponse sent, int cseq) {
        SipRequest.Builder b = SipRequest.builder(method, received.contacts().get(0).uri())
                .add(HeaderNames.VIA, "SIP/2.0/UDP " + peer.node().sentBy(Transport.UDP) + ";branch=" + peer.newBranch() + ";rport")
                .add(HeaderNames.MAX_FORWARDS, 70)
                .add(HeaderNames.FROM, sent.header(HeaderNames.TO))
                .add(HeaderNames.TO, received.header(HeaderNames.FROM))
                .add(HeaderNames.CALL_ID, received.callId())
                .add(HeaderNames.CSEQ, cseq + " " + method);
        for (Address rr : received.recordRoutes()) {
            b.add(HeaderNames.ROUTE, rr.toString());
        }
        return b.build();
    }

    /** The UAC side's in-dialog request ({@link PfTestBed#inDialog}) with a Reason, or none if null. */
    public static SipRequest uacBye(SimPeer peer, Call c, int cseq, String reason) {
        SipRequest bye = PfTestBed.inDialog(peer, "BYE", c.invite(), c.ok(), cseq);
        return reason == null ? bye : bye.toBuilder().set(HeaderNames.REASON, reason).build();
    }

    /** After more registrations: what stays scheduled from now on is the baseline of {@link #assertClean}. */
    public void rebaseline() {
        bed.settle();
        baselineTasks = bed.clock.pendingTasks();
    }

    /** Every session ends with its legs, relay, transactions and timers freed. */
    public void assertClean() {
        bed.settle();
        assertThat(bed.pf().sessions().size()).as("sessions").isZero();
        assertThat(bed.pf().sessions().legs()).as("legs").isZero();
        assertThat(bed.core.transactions().activeTransactions()).as("transactions").isZero();
        assertThat(bed.clock.pendingTasks()).as("scheduled tasks").isEqualTo(baselineTasks);
    }

    public Duration now() {
        return bed.clock.elapsed();
    }

    static String branchOf(SipRequest r) {
        Via v = r.topVia();
        return v == null ? null : v.branch();
    }
}
