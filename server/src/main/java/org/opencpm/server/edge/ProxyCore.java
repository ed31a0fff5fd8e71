package org.opencpm.server.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipParseException;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.message.Uri;
import org.opencpm.sip.message.Via;
import org.opencpm.sip.transaction.ClientTransaction;
import org.opencpm.sip.transaction.ClientTransactionListener;
import org.opencpm.sip.transaction.ServerTransaction;
import org.opencpm.sip.transaction.TransactionFailure;
import org.opencpm.sip.transport.HostPort;
import org.opencpm.sip.transport.Inbound;
import org.opencpm.sip.transport.ResponseRouting;
import org.opencpm.sip.transport.SendListener;
import org.opencpm.sip.transport.SipTransportLayer;
import org.opencpm.sip.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stateful proxy core of the embedded SIP/IP core (RFC 3261 §16): routes requests for users of
 * the served domain to their registered contacts (forking in parallel), requests for other domains
 * by static route, and in-dialog requests by their Route set; it record-routes dialog-creating
 * requests so that the dialog's later requests pass through it (RFC 5658 double Record-Route when
 * the two sides use different transports).
 *
 * <p>Steps of §16, each a method below: 16.3 request validation, 16.4 route information
 * preprocessing, 16.5 determining targets, 16.6 forwarding, 16.7 response processing (best
 * response, 2xx forwarded at once, CANCEL of the other branches), 16.10 CANCEL, 16.11 stateless
 * forwarding of ACK for 2xx and of 2xx retransmissions.
 */
public final class ProxyCore {

    private static final Logger log = LoggerFactory.getLogger(ProxyCore.class);

    private final EdgeRouting routing;
    private final Forwarder forwarder;
    private final SipTransportLayer transport;
    private final String serverHeader;
    private final java.util.Map<ServerTransaction, ProxyContext> contexts = new java.util.IdentityHashMap<>();

    public ProxyCore(EdgeRouting routing, Forwarder forwarder, SipTransportLayer transport, String serverHeader) {
        this.routing = routing;
        this.forwarder = forwarder;
        this.transport = transport;
        this.serverHeader = serverHeader;
    }

    /** Proxies a request received in {@code tx}. */
    public void onRequest(ServerTransaction tx, SipRequest request) {
        // §16.3 steps 3 and 5: Max-Forwards and Proxy-Require
        int mf = request.maxForwards();
        if (mf == 0) {
            respond(tx, request.createResponse(483));
            return;
        }
        if (request.hasHeader(HeaderNames.PROXY_REQUIRE)) {
            respond(tx, request.createResponse(420).toBuilder()
                    .add(HeaderNames.UNSUPPORTED, String.join(", ", request.headerValues(HeaderNames.PROXY_REQUIRE))).build());
            return;
        }
        // §16.4: the Route entries that name us are removed when each branch is built
        List<Address> routes = remainingRoutes(request);
        // §16.5: targets
        List<NextHop> hops;
        if (!routes.isEmpty()) {
            NextHop hop = routes.get(0).uri() instanceof SipUri s ? routing.direct(s) : null;
            hops = hop == null ? List.of() : List.of(new NextHop(hop.target(), hop.flow(), null));
        } else if (routing.isMe(request.requestUri())) {
            respond(tx, request.createResponse(404, "No user in Request-URI"));
            return;
        } else {
            hops = routing.resolve(request.requestUri());
        }
        if (hops.isEmpty()) {
            respond(tx, noTarget(request));
            return;
        }
        boolean recordRoute = isDialogCreating(request);
        ProxyContext ctx = new ProxyContext(tx, request);
        for (NextHop hop : hops) {
            // §16.6: copy, Request-URI, Max-Forwards, Record-Route, Route
            SipRequest.Builder branch = request.toBuilder();
            popOwnRoutes(request, branch);
            if (hop.contactUri() != null) {
                branch.requestUri(hop.contactUri());
            }
            branch.set(HeaderNames.MAX_FORWARDS, mf < 0 ? 70 : mf - 1);
            if (recordRoute) {
                addRecordRoute(branch, tx.flow().transport(), hop.target().transport());
            }
            ctx.fork(branch.build(), hop);
        }
    }

    /** A CANCEL matched a pending INVITE we proxied (§16.10): cancel every pending branch. */
    public void onCancel(ServerTransaction inviteTx) {
        ProxyContext ctx = contexts.get(inviteTx);
        if (ctx == null) {
            respond(inviteTx, inviteTx.request().createResponse(487));
            return;
        }
        ctx.cancelAll("SIP;cause=487;text=\"Request cancelled\"");
    }

    /** ACK for a 2xx, forwarded statelessly along its Route set (§16.11). */
    public void onAck(Inbound inbound) {
        SipRequest ack = (SipRequest) inbound.message();
        SipRequest.Builder out = ack.toBuilder();
        popOwnRoutes(ack, out);
        List<Address> routes = remainingRoutes(ack);
        NextHop hop;
        if (!routes.isEmpty()) {
            hop = routes.get(0).uri() instanceof SipUri s ? routing.direct(s) : null;
        } else if (routing.isMe(ack.requestUri())) {
            return; // an ACK for a 2xx we generated ourselves: nothing to do
        } else {
            List<NextHop> hops = routing.resolve(ack.requestUri());
            hop = hops.size() == 1 ? hops.get(0) : null;
        }
        if (hop == null) {
            log.debug("ACK {} has no route; dropped", ack.summary());
            return;
        }
        int mf = ack.maxForwards();
        out.set(HeaderNames.MAX_FORWARDS, mf < 0 ? 70 : Math.max(0, mf - 1));
        if (hop.usableFlow() != null) {
            forwarder.sendAck(out.build(), hop.usableFlow());
        } else {
            forwarder.sendAck(out.build(), hop.target());
        }
    }

    /** A response no client transaction knows: a 2xx retransmission, forwarded statelessly (§16.7, §16.11). */
    public void onStrayResponse(Inbound inbound) {
        SipResponse resp = (SipResponse) inbound.message();
        List<Via> vias;
        try {
            vias = resp.vias();
        } catch (SipParseException e) {
            return;
        }
        if (vias.size() < 2 || !resp.isSuccess()) {
            return;
        }
        SipResponse out = resp.toBuilder().removeFirstValue(HeaderNames.VIA).build();
        transport.send(out, ResponseRouting.target(vias.get(1)), SendListener.IGNORE);
    }

    /** The Route entries below the ones that name us. */
    private List<Address> remainingRoutes(SipRequest request) {
        List<Address> routes = request.routes();
        int own = 0;
        while (own < routes.size() && routing.isMe(routes.get(own).uri())) {
            own++;
        }
        return own == 0 ? routes : routes.subList(own, routes.size());
    }

    private void popOwnRoutes(SipRequest request, SipRequest.Builder out) {
        int own = request.routes().size() - remainingRoutes(request).size();
        for (int i = 0; i < own; i++) {
            out.removeFirstValue(HeaderNames.ROUTE);
        }
    }

    private void addRecordRoute(SipRequest.Builder b, Transport in, Transport out) {
        // RFC 5658: with different transports on the two sides, record-route twice so that each side
        // reaches us over its own transport; the top entry serves the downstream side.
        if (in != out) {
            b.addFirst(HeaderNames.RECORD_ROUTE, ownUri(in));
        }
        b.addFirst(HeaderNames.RECORD_ROUTE, ownUri(out));
    }

    private String ownUri(Transport t) {
        HostPort hp = transport.sentBy(t);
        return "<sip:" + hp.host() + ":" + hp.port() + ";transport=" + t.name().toLowerCase(Locale.ROOT) + ";lr>";
    }

    private static boolean isDialogCreating(SipRequest r) {
        return r.to().tag() == null && (r.isMethod(SipRequest.INVITE) || r.isMethod(SipRequest.SUBSCRIBE)
                || r.isMethod(SipRequest.REFER));
    }

    private SipResponse noTarget(SipRequest request) {
        if (routing.isServedUser(request.requestUri())) {
            return request.createResponse(480, "Temporarily Unavailable");
        }
        String host = request.requestUri() instanceof SipUri s ? s.host() : request.requestUri().scheme();
        return request.createResponse(404, "No route to " + host);
    }

    private void respond(ServerTransaction tx, SipResponse response) {
        LocalResponses.send(tx, response, serverHeader);
    }

    /**
     * The proxy state of one server transaction: its branches and the best final response so far
     * (§16.7). Lives as long as the server transaction has branches pending.
     */
    private final class ProxyContext implements ClientTransactionListener {
        private final ServerTransaction tx;
        private final SipRequest request;
        private final List<ClientTransaction> branches = new ArrayList<>(2);
        private int pending;
        private SipResponse best;
        private boolean finalSent;
        private boolean cancelled;

        ProxyContext(ServerTransaction tx, SipRequest request) {
            this.tx = tx;
            this.request = request;
            contexts.put(tx, this);
        }

        void fork(SipRequest branchRequest, NextHop hop) {
            pending++;
            ClientTransaction ct = hop.usableFlow() != null
                    ? forwarder.sendRequest(branchRequest, hop.usableFlow(), this)
                    : forwarder.sendRequest(branchRequest, hop.target(), this);
            branches.add(ct);
        }

        void cancelAll(String reason) {
            cancelled = true;
            for (ClientTransaction ct : branches) {
                if (!ct.isTerminated()) {
                    ct.cancel(reason);
                }
            }
        }

        @Override
        public void onProvisionalResponse(ClientTransaction ct, SipResponse response) {
            if (response.status() == 100 || finalSent) {
                return; // §16.7 step 5: 100 Trying is not forwarded
            }
            tx.respond(popVia(response));
        }

        @Override
        public void onFinalResponse(ClientTransaction ct, SipResponse response) {
            pending--;
            if (response.isSuccess()) {
                // §16.7 step 5: 2xx forwarded immediately; §16.7 step 10: cancel the other branches of an INVITE
                tx.respond(popVia(response));
                finalSent = true;
                if (request.isMethod(SipRequest.INVITE)) {
                    cancelOthers(ct, "SIP;cause=200;text=\"Call completed elsewhere\"");
                }
            } else {
                consider(response);
                if (response.statusClass() == 6 && request.isMethod(SipRequest.INVITE)) {
                    cancelOthers(ct, "SIP;cause=" + response.status());
                }
            }
            finishIfDone();
        }

        @Override
        public void on2xxRetransmission(ClientTransaction ct, SipResponse response) {
            // RFC 6026 §8.3: a proxy forwards every 2xx to INVITE upstream.
            tx.respond(popVia(response));
        }

        @Override
        public void onFailure(ClientTransaction ct, TransactionFailure failure) {
            pending--;
            // §16.7 step 6 / §16.8: a timeout counts as a 408; a transport error as 503
            SipResponse synthetic = request.createResponse(failure.asStatus());
            consider(synthetic);
            log.info("branch {} of {} failed: {}", ct.target(), request.summary(), failure);
            finishIfDone();
        }

        private void cancelOthers(ClientTransaction winner, String reason) {
            for (ClientTransaction other : branches) {
                if (other != winner && !other.isTerminated()) {
                    other.cancel(reason);
                }
            }
        }

        private void consider(SipResponse response) {
            if (best == null || rank(response) < rank(best)) {
                best = response;
            }
        }

        // §16.7 step 6: 6xx first, else the lowest class; 503 is converted to 500 when forwarded.
        private int rank(SipResponse r) {
            int cls = r.statusClass();
            return cls == 6 ? 0 : cls * 1000 + r.status() % 100;
        }

        private void finishIfDone() {
            if (pending > 0) {
                return;
            }
            contexts.remove(tx);
            if (finalSent || best == null) {
                return;
            }
            finalSent = true;
            SipResponse r = best;
            if (r.status() == 503) {
                r = r.toBuilder().status(500, "Server Internal Error").build();
            }
            if (isOwnVia(r)) {
                tx.respond(popVia(r));
            } else {
                respond(tx, r);
            }
        }

        private boolean isOwnVia(SipResponse r) {
            // Synthetic responses (timeout, transport error) are built from the server request: no Via of ours on top.
            for (ClientTransaction ct : branches) {
                if (ct.branch().equals(r.topVia().branch())) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The response as it goes upstream: our Via removed (§16.7 step 3). The remaining Vias are by
         * definition those of the request we received, so they are taken from it: a downstream element
         * that answered with a wrong Via set (SIPp copying a CANCEL's single Via into a 487) cannot make
         * the response unroutable.
         */
        private SipResponse popVia(SipResponse r) {
            SipResponse.Builder b = r.toBuilder().remove(HeaderNames.VIA);
            List<org.opencpm.sip.message.Header> fields = request.headers().all();
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (fields.get(i).name().equals(HeaderNames.VIA)) {
                    b.addFirst(HeaderNames.VIA, fields.get(i).value());
                }
            }
            return b.build();
        }
    }
}
