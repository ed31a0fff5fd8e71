package org.opencpm.sip.sim;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.opencpm.common.time.VirtualScheduler;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipMessage;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.message.Uri;
import org.opencpm.sip.message.Via;
import org.opencpm.sip.transport.Flow;
import org.opencpm.sip.transport.Inbound;
import org.opencpm.sip.transport.SendListener;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;

/**
 * A scripted SIP peer on the {@link SimNetwork}: a node with a tiny, transaction-less UA, so that
 * procedure tests read like transcripts.
 *
 * <pre>{@code
 * SimPeer bob = net.peer("127.0.0.3", 5060);
 * ... the code under test sends an INVITE towards bob ...
 * SipRequest invite = bob.expectRequest("INVITE");
 * bob.respond(invite, 180);
 * bob.respond(invite, 200);
 * bob.expectRequest("ACK");
 *
 * SipRequest message = bob.newRequest("MESSAGE", "sip:alice@127.0.0.1:5060").build();
 * bob.send(message);                       // to the Request-URI (or the first Route)
 * bob.expectResponse(200);
 *
 * SipRequest call = bob.newRequest("INVITE", "sip:alice@127.0.0.1:5060").build();
 * bob.send(call);
 * SipResponse busy = bob.expectResponse(486);
 * bob.send(bob.ackFor(call, busy));
 * }</pre>
 *
 * <p>The {@code expect} methods run the virtual scheduler forward, event by event, until a message
 * arrives (at most {@link #setPatience patience}, 5 s by default), then take the next received message
 * and fail with an {@link AssertionError} if it is not the one expected. Time stops at the arrival, so
 * the test can go on asserting exact instants. Nothing is retransmitted by the peer.
 */
public final class SimPeer {

    private final SimNode node;
    private final VirtualScheduler scheduler;
    private final Queue<Inbound> received = new ArrayDeque<>();
    private final Map<SipMessage, Flow> flows = new IdentityHashMap<>();
    private final Map<String, String> toTags = new HashMap<>();
    private Duration patience = Duration.ofSeconds(5);
    private int counter;

    SimPeer(SimNode node) {
        this.node = node;
        this.scheduler = node.network().scheduler();
        node.setHandler(in -> {
            received.add(in);
            flows.put(in.message(), in.flow());
        });
    }

    public SimNode node() {
        return node;
    }

    /** This peer as a target over {@code transport}. */
    public Target target(Transport transport) {
        return node.target(transport);
    }

    /** How much virtual time an {@code expect} may let pass waiting for a message. */
    public void setPatience(Duration patience) {
        this.patience = patience;
    }

    /** The next message received within the patience, or null. */
    public Inbound poll() {
        long deadline = scheduler.elapsed().plus(patience).toNanos();
        scheduler.runPending();
        while (received.isEmpty()) {
            Duration next = scheduler.nextDue();
            if (next == null || scheduler.elapsed().plus(next).toNanos() > deadline) {
                break;
            }
            scheduler.advance(next);
        }
        return received.poll();
    }

    /** Takes the next received message, which must be a request of {@code method}. */
    public SipRequest expectRequest(String method) {
        Inbound in = poll();
        if (in == null) {
            throw new AssertionError("expected a " + method + " request at " + scheduler.elapsed() + ", got nothing");
        }
        if (!(in.message() instanceof SipRequest r) || !r.isMethod(method)) {
            throw new AssertionError("expected a " + method + " request at " + scheduler.elapsed() + ", got " + in.message().summary());
        }
        return r;
    }

    /** Takes the next received message, which must be a response with {@code status}. */
    public SipResponse expectResponse(int status) {
        Inbound in = poll();
        if (in == null) {
            throw new AssertionError("expected a " + status + " response at " + scheduler.elapsed() + ", got nothing");
        }
        if (!(in.message() instanceof SipResponse r) || r.status() != status) {
            throw new AssertionError("expected a " + status + " response at " + scheduler.elapsed() + ", got " + in.message().summary());
        }
        return r;
    }

    /** Fails if anything arrives within {@code during}; time moves on by {@code during}. */
    public void expectNothing(Duration during) {
        long end = scheduler.elapsed().plus(during).toNanos();
        scheduler.runPending();
        while (received.isEmpty()) {
            Duration next = scheduler.nextDue();
            if (next == null || scheduler.elapsed().plus(next).toNanos() > end) {
                break;
            }
            scheduler.advance(next);
        }
        if (!received.isEmpty()) {
            throw new AssertionError("expected nothing, got " + received.peek().message().summary() + " at " + scheduler.elapsed());
        }
        scheduler.advanceTo(end);
    }

    /** The flow a received message came on. */
    public Flow flowOf(SipMessage received) {
        return flows.get(received);
    }

    /**
     * Answers a received request with {@code status} on the flow it came on. Responses above 100 get
     * this peer's To tag (the same for every response to one request), and 1xx/2xx to INVITE a Contact.
     */
    public SipResponse respond(SipRequest request, int status) {
        SipResponse.Builder b = request.createResponse(status).toBuilder();
        if (status > 100 && request.to().tag() == null) {
            String tag = toTags.computeIfAbsent(request.callId() + "|" + request.from().tag() + "|" + request.cseq(),
                    k -> "peer" + (++counter));
            b.set(HeaderNames.TO, request.to().withTag(tag));
        }
        if (request.isMethod(SipRequest.INVITE) && status > 100 && status < 300) {
            b.set(HeaderNames.CONTACT, Address.of(contactUri()));
        }
        SipResponse r = b.build();
        respond(request, r);
        return r;
    }

    /** Sends {@code response} to a received request, on the flow it came on. */
    public void respond(SipRequest request, SipResponse response) {
        Flow flow = flows.get(request);
        if (flow == null) {
            throw new IllegalArgumentException("not a request this peer received: " + request.summary());
        }
        node.sendResponse(response, flow, SendListener.IGNORE);
    }

    /**
     * A request from this peer with Via (new branch, rport), Max-Forwards, From (with tag), To,
     * Call-ID, CSeq 1 and Contact, for the test to complete and {@link #send}.
     */
    public SipRequest.Builder newRequest(String method, String requestUri) {
        Uri uri = Uri.parse(requestUri);
        int n = ++counter;
        return SipRequest.builder(method, uri)
                .add(HeaderNames.VIA, "SIP/2.0/UDP " + node.sentBy(Transport.UDP) + ";branch=" + newBranch() + ";rport")
                .add(HeaderNames.MAX_FORWARDS, 70)
                .add(HeaderNames.FROM, Address.of(contactUri().aor()).withTag("peer" + n))
                .add(HeaderNames.TO, Address.of(uri))
                .add(HeaderNames.CALL_ID, "call" + n + "@" + node.address().getHostString())
                .add(HeaderNames.CSEQ, "1 " + method)
                .add(HeaderNames.CONTACT, Address.of(contactUri()));
    }

    /** A new RFC 3261 branch. */
    public String newBranch() {
        return Via.MAGIC_COOKIE + "peer" + (++counter);
    }

    /**
     * Sends a request to its next hop: the first Route if it has one, else the Request-URI (a SIP URI
     * with an address literal; {@code transport} parameter, UDP by default).
     */
    public void send(SipRequest request) {
        List<Address> routes = request.routes();
        Uri next = routes.isEmpty() ? request.requestUri() : routes.get(0).uri();
        if (!(next instanceof SipUri uri)) {
            throw new IllegalArgumentException("no SIP next hop in " + request.summary());
        }
        Transport t = uri.transport() != null ? Transport.parse(uri.transport()) : Transport.UDP;
        send(request, new Target(t, new InetSocketAddress(uri.host(), uri.portOrDefault())));
    }

    /**
     * The ACK for {@code response} to {@code invite}: for a non-2xx the transaction's ACK of
     * §17.1.1.3 (the INVITE's branch), for a 2xx the dialog's ACK of §13.2.2.4 (a new branch, sent to
     * the response's Contact by the test).
     */
    public SipRequest ackFor(SipRequest invite, SipResponse response) {
        String via = invite.headerValues(HeaderNames.VIA).get(0);
        if (response.isSuccess()) {
            via = "SIP/2.0/" + invite.topVia().transport() + " " + node.sentBy(Transport.UDP) + ";branch=" + newBranch() + ";rport";
        }
        Uri target = response.isSuccess() && !response.contacts().isEmpty() ? response.contacts().get(0).uri() : invite.requestUri();
        SipRequest.Builder b = SipRequest.builder(SipRequest.ACK, target)
                .add(HeaderNames.VIA, via)
                .add(HeaderNames.MAX_FORWARDS, 70)
                .add(HeaderNames.FROM, invite.header(HeaderNames.FROM))
                .add(HeaderNames.TO, response.header(HeaderNames.TO))
                .add(HeaderNames.CALL_ID, invite.callId())
                .add(HeaderNames.CSEQ, invite.cseq().sequence() + " " + SipRequest.ACK);
        for (String r : invite.headerValues(HeaderNames.ROUTE)) {
            b.add(HeaderNames.ROUTE, r);
        }
        return b.build();
    }

    /** The CANCEL of {@code invite} (§9.1): its Request-URI, top Via, From, To, Call-ID and CSeq number. */
    public SipRequest cancelFor(SipRequest invite) {
        SipRequest.Builder b = SipRequest.builder(SipRequest.CANCEL, invite.requestUri())
                .add(HeaderNames.VIA, invite.headerValues(HeaderNames.VIA).get(0))
                .add(HeaderNames.MAX_FORWARDS, 70)
                .add(HeaderNames.FROM, invite.header(HeaderNames.FROM))
                .add(HeaderNames.TO, invite.header(HeaderNames.TO))
                .add(HeaderNames.CALL_ID, invite.callId())
                .add(HeaderNames.CSEQ, invite.cseq().sequence() + " " + SipRequest.CANCEL);
        for (String r : invite.headerValues(HeaderNames.ROUTE)) {
            b.add(HeaderNames.ROUTE, r);
        }
        return b.build();
    }

    /** Sends a request (or response) as given: the test owns its Via. */
    public void send(SipMessage message, Target target) {
        node.send(message, target, SendListener.IGNORE);
    }

    /** Sends a message on a flow (a TCP connection this peer has). */
    public void send(SipMessage message, Flow flow) {
        node.send(message, flow, SendListener.IGNORE);
    }

    private SipUri contactUri() {
        return SipUri.of("peer", node.address().getHostString(), node.address().getPort());
    }
}
