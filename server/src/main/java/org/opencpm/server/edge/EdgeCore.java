package org.opencpm.server.edge;

import org.opencpm.common.time.Clock;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.transaction.ServerTransaction;
import org.opencpm.sip.transaction.TransactionUser;
import org.opencpm.sip.transport.Inbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded SIP/IP core as a transaction user: REGISTER for the served domain goes to the
 * {@link Registrar}, OPTIONS addressed to the server is answered here, everything else is proxied
 * by the {@link ProxyCore}. Requests other than these that are addressed to the server itself get
 * 405 or 404.
 */
public final class EdgeCore implements TransactionUser {

    private static final Logger log = LoggerFactory.getLogger(EdgeCore.class);

    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, MESSAGE, SUBSCRIBE, NOTIFY, REFER, UPDATE, INFO";

    private final EdgeRouting routing;
    private final Registrar registrar;
    private final ProxyCore proxy;
    private final Clock clock;
    private final String serverHeader;
    private org.opencpm.server.pf.ParticipatingFunction pf;
    private org.opencpm.server.cf.ControllingFunction cf;

    public EdgeCore(EdgeRouting routing, Registrar registrar, ProxyCore proxy, Clock clock, String serverHeader) {
        this.routing = routing;
        this.registrar = registrar;
        this.proxy = proxy;
        this.clock = clock;
        this.serverHeader = serverHeader;
    }

    /** Puts the Participating Function in the path (as the core's initial filter criteria would). */
    public void setParticipatingFunction(org.opencpm.server.pf.ParticipatingFunction pf) {
        this.pf = pf;
    }

    /**
     * Puts the Controlling Function in the path: initial requests to the conference factory URI or a focus
     * it owns (unless a registered client's originating traffic, which its PF handles first), and the
     * requests of the CF's dialogs.
     */
    public void setControllingFunction(org.opencpm.server.cf.ControllingFunction cf) {
        this.cf = cf;
    }

    @Override
    public void onRequest(ServerTransaction tx, SipRequest request) {
        try {
            dispatch(tx, request);
        } catch (RuntimeException e) {
            // A fault in a procedure must still answer the request and leave no transaction behind.
            log.error("{} from {} failed in the edge core; answered 500", request.summary(), tx.flow().remote(), e);
            if (!tx.isTerminated()) {
                respond(tx, request.createResponse(500, "Server Internal Error"));
            }
        }
    }

    private void dispatch(ServerTransaction tx, SipRequest request) {
        boolean toServer = routing.isMe(request.requestUri()) && request.routes().isEmpty();
        if (request.isMethod(SipRequest.REGISTER) && (toServer || routing.isServedDomain(hostOf(request)))) {
            respond(tx, registrar.register(request, tx.flow(), clock.nanoTime()));
            return;
        }
        boolean inDialog = request.to().tag() != null;
        if (cf != null && !inDialog && cf.owns(request.requestUri())) {
            org.opencpm.server.pf.Served served = pf == null ? null : pf.classify(request, tx.flow());
            if (!(served instanceof org.opencpm.server.pf.Served.Originating)) {
                cf.onInitialRequest(tx, request);
                return;
            }
        }
        if (pf != null) {
            if (inDialog) {
                if (pf.onInDialogRequest(tx, request)) {
                    return;
                }
            } else {
                org.opencpm.server.pf.Served served = pf.classify(request, tx.flow());
                if (served != null) {
                    pf.onInitialRequest(tx, request, served);
                    return;
                }
            }
        }
        if (inDialog && cf != null && cf.onInDialogRequest(tx, request)) {
            return;
        }
        if (inDialog && toServer) {
            // addressed to one of our own dialogs that no longer exists (RFC 3261 §12.2.2)
            respond(tx, request.createResponse(481));
            return;
        }
        if (toServer) {
            if (request.isMethod(SipRequest.OPTIONS)) {
                respond(tx, request.createResponse(200).toBuilder()
                        .set(HeaderNames.ALLOW, ALLOW).set(HeaderNames.ACCEPT, "application/sdp, message/cpim")
                        .build());
            } else {
                respond(tx, request.createResponse(404, "No user in Request-URI"));
            }
            return;
        }
        proxy.onRequest(tx, request);
    }

    private static String hostOf(SipRequest r) {
        return r.requestUri() instanceof org.opencpm.sip.message.SipUri s ? s.host() : "";
    }

    @Override
    public void onAck(Inbound ack) {
        if (pf != null && pf.onAck(ack)) {
            return;
        }
        if (cf != null && cf.onAck(ack)) {
            return;
        }
        proxy.onAck(ack);
    }

    @Override
    public void onCancel(ServerTransaction inviteTx, SipRequest cancel) {
        if (pf != null && pf.onCancel(inviteTx)) {
            return;
        }
        proxy.onCancel(inviteTx);
    }

    @Override
    public void onStrayResponse(Inbound response) {
        proxy.onStrayResponse(response);
    }

    private void respond(ServerTransaction tx, SipResponse response) {
        LocalResponses.send(tx, response, serverHeader);
    }
}
