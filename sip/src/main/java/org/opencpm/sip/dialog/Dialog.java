package org.opencpm.sip.dialog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.message.Uri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SIP dialog (RFC 3261 §12): the peer-to-peer relationship an INVITE (or SUBSCRIBE, REFER) sets up,
 * with its id, route set, remote target and sequence numbers. It sits above the transaction layer:
 * the UA core creates it from a request and a response that carries a To tag, feeds it what it
 * receives, and builds in-dialog requests with it.
 *
 * <ol>
 * <li>Create: {@link #asUac} from our request and a 101-299 response (§12.1.2), or {@link #asUas}
 *     from the received request and our response (§12.1.1). A 1xx makes an early dialog, a 2xx a
 *     confirmed one.</li>
 * <li>UAC: pass later responses to the dialog-creating request to {@link #onInitialResponse} (a 2xx
 *     confirms the dialog and recomputes the route set, §13.2.2.4), and responses to in-dialog
 *     requests to {@link #onResponse} (remote target refresh; 481/408 terminate, §12.2.1.2).</li>
 * <li>Incoming in-dialog requests: {@link #isOutOfOrder} first (if true answer 500, §12.2.2), then
 *     {@link #onRequest}, which records the remote CSeq and refreshes the remote target.</li>
 * <li>Outgoing: {@link #createRequest} (next local CSeq, loose or strict routing, §12.2.1.1) and
 *     {@link #createAck} for the 2xx of an INVITE (§13.2.2.4).</li>
 * <li>{@link #terminate} after BYE (or a failed re-INVITE with 481/408).</li>
 * </ol>
 *
 * <p>Not thread-safe; owned by the SIP owner thread like the transactions.
 */
public final class Dialog {

    private static final Logger log = LoggerFactory.getLogger(Dialog.class);

    /** Methods whose requests and 2xx responses replace the remote target (RFC 3261 §12.2, RFC 3311, RFC 6665). */
    private static final Set<String> TARGET_REFRESH = Set.of(SipRequest.INVITE, SipRequest.UPDATE,
            SipRequest.SUBSCRIBE, SipRequest.NOTIFY, SipRequest.REFER);

    /** Dialog states (§12); each says whether requests may be sent in it. */
    public enum State {
        /** Created by a provisional response; only some requests (UPDATE, PRACK, the UAC's BYE) belong here. */
        EARLY(true),
        /** Created or confirmed by a 2xx. */
        CONFIRMED(true),
        /** Ended: no more requests. */
        TERMINATED(false);

        private final boolean mayCreateRequests;

        State(boolean mayCreateRequests) {
            this.mayCreateRequests = mayCreateRequests;
        }

        /** True if in-dialog requests may be created in this state. */
        public boolean mayCreateRequests() {
            return mayCreateRequests;
        }
    }

    private final DialogId id;
    private final boolean uac;
    private final boolean secure;
    private final Address localParty;
    private final Address remoteParty;
    private final Address localContact;
    private List<Address> routeSet;
    private Uri remoteTarget;
    private long localSeq;
    private long remoteSeq;
    private State state;

    private Dialog(DialogId id, boolean uac, boolean secure, Address localParty, Address remoteParty,
                   Address localContact, List<Address> routeSet, Uri remoteTarget, long localSeq, long remoteSeq, State state) {
        this.id = id;
        this.uac = uac;
        this.secure = secure;
        this.localParty = localParty;
        this.remoteParty = remoteParty;
        this.localContact = localContact;
        this.routeSet = routeSet;
        this.remoteTarget = remoteTarget;
        this.localSeq = localSeq;
        this.remoteSeq = remoteSeq;
        this.state = state;
    }

    /**
     * The UAC's dialog (§12.1.2) from the request we sent and a 101-299 response with a To tag: route
     * set = the response's Record-Route reversed, remote target = its Contact, local CSeq = the
     * request's, remote CSeq empty.
     *
     * @throws IllegalArgumentException if the response has no To tag or is not 101-299
     */
    public static Dialog asUac(SipRequest request, SipResponse response) {
        String remoteTag = response.to().tag();
        if (remoteTag == null || response.status() <= 100 || response.status() >= 300) {
            throw new IllegalArgumentException("a dialog needs a 101-299 response with a To tag, got " + response.summary());
        }
        DialogId id = new DialogId(request.callId(), request.from().tag(), remoteTag);
        List<Address> routes = new ArrayList<>(response.recordRoutes());
        Collections.reverse(routes);
        Dialog d = new Dialog(id, true, isSips(request.requestUri()), request.from(), response.to(), firstContact(request),
                List.copyOf(routes), targetOf(response, request.requestUri()), request.cseq().sequence(), -1,
                response.isSuccess() ? State.CONFIRMED : State.EARLY);
        log.debug("dialog {} created as UAC, {}", id, d.state);
        return d;
    }

    /**
     * The UAS's dialog (§12.1.1) from the request received and our 101-299 response with a To tag:
     * route set = the request's Record-Route in order, remote target = its Contact, remote CSeq = the
     * request's, local CSeq empty.
     *
     * @throws IllegalArgumentException if the response has no To tag or is not 101-299
     */
    public static Dialog asUas(SipRequest request, SipResponse response) {
        String localTag = response.to().tag();
        if (localTag == null || response.status() <= 100 || response.status() >= 300) {
            throw new IllegalArgumentException("a dialog needs a 101-299 response with a To tag, got " + response.summary());
        }
        DialogId id = new DialogId(request.callId(), localTag, request.from().tag());
        Address contact = response.contacts().isEmpty() ? null : response.contacts().get(0);
        Dialog d = new Dialog(id, false, isSips(request.requestUri()), response.to(), request.from(), contact,
                List.copyOf(request.recordRoutes()), targetOf(request, null), -1, request.cseq().sequence(),
                response.isSuccess() ? State.CONFIRMED : State.EARLY);
        log.debug("dialog {} created as UAS, {}", id, d.state);
        return d;
    }

    // ---------------------------------------------------------------- what comes in

    /**
     * A later response to the request that created this UAC dialog (same To tag). In the early state
     * it refreshes the route set and remote target; a 2xx confirms the dialog and recomputes the route
     * set from itself (§13.2.2.4). Retransmitted 2xx change nothing.
     */
    public void onInitialResponse(SipResponse response) {
        if (state != State.EARLY || response.status() <= 100 || response.status() >= 300) {
            return;
        }
        List<Address> routes = new ArrayList<>(response.recordRoutes());
        Collections.reverse(routes);
        routeSet = List.copyOf(routes);
        remoteTarget = targetOf(response, remoteTarget);
        if (response.isSuccess()) {
            transitionTo(State.CONFIRMED, response.status() + " to the initial request");
        }
    }

    /**
     * A response to a request sent in this dialog: a 2xx to a target refresh request (re-INVITE,
     * UPDATE, ...) with a Contact replaces the remote target (§12.2.1.2); a 481 or 408 terminates the
     * dialog (§12.2.1.2: "the UAC SHOULD terminate the dialog").
     */
    public void onResponse(SipRequest request, SipResponse response) {
        if (response.isSuccess() && TARGET_REFRESH.contains(request.method())) {
            remoteTarget = targetOf(response, remoteTarget);
        } else if ((response.status() == 481 || response.status() == 408) && state != State.TERMINATED) {
            // Several requests may be outstanding (a BYE, a refresh): the second 481 or 408 finds the dialog ended.
            transitionTo(State.TERMINATED, response.status() + " to " + request.method());
        }
    }

    /**
     * §12.2.2: "If the remote sequence number is not empty, but the sequence number of the request is
     * lower than the remote sequence number, the request is out of order and MUST be rejected with a
     * 500". ACK and CANCEL carry the CSeq of the request they belong to and are never out of order.
     */
    public boolean isOutOfOrder(SipRequest request) {
        if (request.isMethod(SipRequest.ACK) || request.isMethod(SipRequest.CANCEL)) {
            return false;
        }
        return remoteSeq >= 0 && request.cseq().sequence() < remoteSeq;
    }

    /**
     * An in-dialog request received (already checked with {@link #isOutOfOrder}): records its CSeq as
     * the remote sequence number and, for a target refresh request with a Contact, the new remote
     * target (§12.2.2).
     *
     * @throws IllegalArgumentException if the request is out of order
     */
    public void onRequest(SipRequest request) {
        if (isOutOfOrder(request)) {
            throw new IllegalArgumentException("dialog " + id + ": CSeq " + request.cseq() + " below remote CSeq " + remoteSeq);
        }
        if (!request.isMethod(SipRequest.ACK) && !request.isMethod(SipRequest.CANCEL)) {
            remoteSeq = request.cseq().sequence();
        }
        if (TARGET_REFRESH.contains(request.method())) {
            remoteTarget = targetOf(request, remoteTarget);
        }
    }

    // ---------------------------------------------------------------- what goes out

    /**
     * A request in this dialog (§12.2.1.1): To = remote URI and tag, From = local URI and tag,
     * Call-ID, CSeq = the next local sequence number, Max-Forwards 70, our Contact for target refresh
     * methods, and Request-URI/Route from the remote target and route set (loose or strict routing).
     *
     * @throws IllegalArgumentException for ACK (use {@link #createAck}) and CANCEL (a transaction matter)
     * @throws IllegalStateException    once the dialog is terminated
     */
    public DialogRequest createRequest(String method) {
        if (method.equals(SipRequest.ACK) || method.equals(SipRequest.CANCEL)) {
            throw new IllegalArgumentException(method + " is not created with createRequest");
        }
        if (!state.mayCreateRequests()) {
            throw new IllegalStateException("dialog " + id + " is " + state + ": no more requests");
        }
        // §12.2.1.1: "if the local sequence number is empty, an initial value MUST be chosen"
        localSeq = localSeq < 0 ? 1 : localSeq + 1;
        return build(method, localSeq, TARGET_REFRESH.contains(method));
    }

    /** The ACK for the 2xx of the INVITE with CSeq {@code inviteCSeq} (§13.2.2.4): same routing, CSeq method ACK. */
    public DialogRequest createAck(long inviteCSeq) {
        if (state == State.TERMINATED) {
            log.debug("dialog {}: ACK in the terminated state", id);
        }
        return build(SipRequest.ACK, inviteCSeq, false);
    }

    private DialogRequest build(String method, long cseq, boolean withContact) {
        Uri requestUri;
        Uri nextHop;
        List<String> routes = new ArrayList<>(routeSet.size() + 1);
        if (routeSet.isEmpty()) {
            requestUri = remoteTarget;
            nextHop = remoteTarget;
        } else if (routeSet.get(0).sipUri() != null && routeSet.get(0).sipUri().isLooseRouter()) {
            requestUri = remoteTarget;
            nextHop = routeSet.get(0).uri();
            for (Address a : routeSet) {
                routes.add(a.toString());
            }
        } else {
            // §12.2.1.1, strict router: its URI becomes the Request-URI, the remote target the last Route.
            Uri first = routeSet.get(0).uri();
            requestUri = first instanceof SipUri s ? s.withoutParam("method").withoutHeaders() : first;
            nextHop = requestUri;
            for (Address a : routeSet.subList(1, routeSet.size())) {
                routes.add(a.toString());
            }
            routes.add(Address.of(remoteTarget).toString());
        }
        SipRequest.Builder b = SipRequest.builder(method, requestUri);
        for (String r : routes) {
            b.add(HeaderNames.ROUTE, r);
        }
        b.add(HeaderNames.MAX_FORWARDS, 70)
                .add(HeaderNames.FROM, localParty)
                .add(HeaderNames.TO, remoteParty)
                .add(HeaderNames.CALL_ID, id.callId())
                .add(HeaderNames.CSEQ, cseq + " " + method);
        if (withContact && localContact != null) {
            b.add(HeaderNames.CONTACT, localContact);
        }
        return new DialogRequest(b.build(), nextHop);
    }

    /** Ends the dialog (after a BYE, or a 481/408 in it). */
    public void terminate() {
        if (state != State.TERMINATED) {
            transitionTo(State.TERMINATED, "terminate()");
        }
    }

    private void transitionTo(State next, String cause) {
        if (next.ordinal() <= state.ordinal()) {
            throw new IllegalStateException("dialog " + id + ": refusing to go from " + state + " back to " + next);
        }
        log.debug("dialog {} {} -> {} ({})", id, state, next, cause);
        state = next;
    }

    // ---------------------------------------------------------------- accessors

    public DialogId id() {
        return id;
    }

    public State state() {
        return state;
    }

    /** True if we created the dialog by sending the request (UAC role, §12.1.2). */
    public boolean isUac() {
        return uac;
    }

    /** The secure flag of §12.1: the Request-URI of the dialog-creating request was a SIPS URI. */
    public boolean isSecure() {
        return secure;
    }

    /** Our From (UAC) or To (UAS) of the dialog, with our tag. */
    public Address localParty() {
        return localParty;
    }

    /** The peer's address with its tag. */
    public Address remoteParty() {
        return remoteParty;
    }

    /** The Contact we put in target refresh requests, or null. */
    public Address localContact() {
        return localContact;
    }

    /** The route set, in the order requests carry it. */
    public List<Address> routeSet() {
        return routeSet;
    }

    public Uri remoteTarget() {
        return remoteTarget;
    }

    /** The last local CSeq sent, -1 while empty. */
    public long localSeq() {
        return localSeq;
    }

    /** The last remote CSeq received, -1 while empty. */
    public long remoteSeq() {
        return remoteSeq;
    }

    @Override
    public String toString() {
        return "Dialog[" + id + " " + state + (uac ? " UAC" : " UAS") + "]";
    }

    private static boolean isSips(Uri uri) {
        return uri instanceof SipUri s && s.isSecure();
    }

    private static Address firstContact(SipRequest request) {
        return request.contacts().isEmpty() ? null : request.contacts().get(0);
    }

    private static Uri targetOf(org.opencpm.sip.message.SipMessage m, Uri fallback) {
        List<Address> contacts = m.contacts();
        return contacts.isEmpty() || contacts.get(0).isWildcard() ? fallback : contacts.get(0).uri();
    }
}
