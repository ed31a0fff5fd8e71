package org.opencpm.server.cf;

import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;
import org.opencpm.server.edge.NextHop;
import org.opencpm.sip.dialog.Dialog;
import org.opencpm.sip.dialog.DialogRequest;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.transaction.ClientTransaction;
import org.opencpm.sip.transaction.ClientTransactionListener;
import org.opencpm.sip.transaction.ServerTransaction;
import org.opencpm.sip.transaction.TransactionFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the CF's procedures put requests and responses on the wire: in-dialog requests to the dialog's
 * next hop, initial requests via the SIP/IP core (CF-RM-04: "towards the participant per SIP/IP core
 * procedures"), answers with the Server header. The outcome of a request is reported as a final status,
 * with a transaction timeout or transport failure reported as 408 (AMB-35 e: a locally generated 408
 * counts as a final response).
 */
final class CfSignalling {

    private static final Logger log = LoggerFactory.getLogger(CfSignalling.class);

    /** The final status reported for a request that got no response (AMB-35 e). */
    static final int NO_RESPONSE = 408;

    private final CfServices cf;
    private int pending;

    CfSignalling(CfServices cf) {
        this.cf = cf;
    }

    /** Requests sent whose final outcome is not known yet (for leak checks). */
    int pending() {
        return pending;
    }

    /** Sends a request in {@code dialog}; {@code done} gets the final status (408 when none came). */
    void inDialog(Dialog dialog, String method, UnaryOperator<SipRequest.Builder> extras, IntConsumer done) {
        if (!dialog.state().mayCreateRequests()) {
            done.accept(481);
            return;
        }
        DialogRequest dr = dialog.createRequest(method);
        SipRequest request = extras.apply(dr.request().toBuilder()
                .add(HeaderNames.USER_AGENT, cf.userAgent())).build();
        NextHop hop = dr.nextHop() instanceof SipUri s ? cf.routing().direct(s) : null;
        if (hop == null) {
            log.warn("CF: no route to {} for {}", dr.nextHop(), method);
            done.accept(NO_RESPONSE);
            return;
        }
        send(request, hop, listener(done));
    }

    /** The ACK for the 2xx of the INVITE that created {@code dialog}. */
    void ack(Dialog dialog, long inviteCSeq) {
        DialogRequest ack = dialog.createAck(inviteCSeq);
        NextHop hop = ack.nextHop() instanceof SipUri s ? cf.routing().direct(s) : null;
        if (hop == null) {
            log.warn("CF: no route to {} for ACK", ack.nextHop());
        } else if (hop.usableFlow() != null) {
            cf.sender().sendAck(ack.request(), hop.usableFlow());
        } else {
            cf.sender().sendAck(ack.request(), hop.target());
        }
    }

    /** Sends an initial request via the SIP/IP core (to the invitee's terminating PF). */
    ClientTransaction viaCore(SipRequest request, ClientTransactionListener listener) {
        return cf.sender().sendRequest(request, cf.core(), listener);
    }

    /**
     * The 2xx that creates a focus dialog, with the embedded core's Record-Route on top of the request's (RFC 3261
     * §16.6 step 4: the proxy nearest the focus is the topmost entry).
     */
    SipResponse.Builder recordRouted(SipRequest request, SipResponse.Builder ok) {
        if (cf.recordRoute() == null) {
            return ok;
        }
        ok.remove(HeaderNames.RECORD_ROUTE).add(HeaderNames.RECORD_ROUTE, cf.recordRoute());
        for (String rr : request.headerValues(HeaderNames.RECORD_ROUTE)) {
            ok.add(HeaderNames.RECORD_ROUTE, rr);
        }
        return ok;
    }

    /** A dialog-creating request of the focus, record-routed by the embedded core. */
    SipRequest.Builder recordRouted(SipRequest.Builder request) {
        return cf.recordRoute() == null ? request : request.add(HeaderNames.RECORD_ROUTE, cf.recordRoute());
    }

    void respond(ServerTransaction tx, SipResponse response) {
        if (!tx.isTerminated()) {
            tx.respond(response.toBuilder().set(HeaderNames.SERVER, cf.serverToken()).build());
        }
    }

    void reject(ServerTransaction tx, SipRequest request, CfRejection r, String toTag) {
        SipResponse.Builder b = request.createResponse(r.status(), r.reason()).toBuilder();
        if (request.to().tag() == null) {
            b.set(HeaderNames.TO, request.to().withTag(toTag));
        }
        if (r.warningText() != null) {
            // AMB-27: warn-code 399, our host, the OMA code and text as warn-text
            b.set(HeaderNames.WARNING, "399 " + cf.domain() + " \"" + r.warningText() + "\"");
        }
        respond(tx, b.build());
    }

    private void send(SipRequest request, NextHop hop, ClientTransactionListener l) {
        if (hop.usableFlow() != null) {
            cf.sender().sendRequest(request, hop.usableFlow(), l);
        } else {
            cf.sender().sendRequest(request, hop.target(), l);
        }
    }

    private ClientTransactionListener listener(IntConsumer done) {
        pending++;
        return new ClientTransactionListener() {
            @Override
            public void onFinalResponse(ClientTransaction tx, SipResponse response) {
                pending--;
                done.accept(response.status());
            }

            @Override
            public void onFailure(ClientTransaction tx, TransactionFailure failure) {
                pending--;
                done.accept(NO_RESPONSE);
            }
        };
    }
}
