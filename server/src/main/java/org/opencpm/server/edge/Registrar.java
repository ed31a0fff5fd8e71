package org.opencpm.server.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opencpm.sip.message.Address;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipMessage;
import org.opencpm.sip.message.SipParseException;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.transport.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar of the embedded SIP/IP core: processing of REGISTER requests, RFC 3261 §10.3, with
 * bindings keyed by {@code +sip.instance} and {@code reg-id} where the client gives them
 * (RFC 5626 §6). No authentication: the contract lets any user of the served domain register.
 *
 * <p>Steps, as §10.3 numbers them:
 * <ol>
 * <li>the Request-URI names the served domain, else 404 (we are no proxy for other registrars);</li>
 * <li>Require: option tags we do not support → 420;</li>
 * <li>(authentication: none, by contract);</li>
 * <li>(authorisation of the AoR: any user of the domain);</li>
 * <li>the AoR from To must be a SIP URI of the served domain, else 404;</li>
 * <li>Contact {@code *}: only with Expires 0 and alone, else 400; removes all bindings;</li>
 * <li>each Contact: expiry from its {@code expires} parameter, else Expires, else the default;
 *     below the minimum and not 0 → 423 with Min-Expires; same Call-ID with a CSeq not higher than
 *     stored → the binding is left alone; else the binding is added, refreshed or removed;</li>
 * <li>200 OK listing every current binding with its remaining expiry.</li>
 * </ol>
 */
public final class Registrar {

    private static final Logger log = LoggerFactory.getLogger(Registrar.class);

    /** Default registration interval when the client asks for none (RFC 3261 §10.2.1.1 suggests 3600). */
    public static final long DEFAULT_EXPIRES = 3600;
    /** Shortest interval accepted (RFC 3261 §10.3 step 7 allows a registrar to refuse shorter ones). */
    public static final long MIN_EXPIRES = 60;
    /** Longest interval granted; longer requests are shortened. */
    public static final long MAX_EXPIRES = 86_400;

    private final String domain;
    private final LocationService locations;
    private final String serverHeader;

    public Registrar(String domain, LocationService locations, String serverHeader) {
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.locations = locations;
        this.serverHeader = serverHeader;
    }

    /** Processes a REGISTER that arrived on {@code flow} and returns the response to send. */
    public SipResponse register(SipRequest request, Flow flow, long nowNanos) {
        // §10.3 step 1: are we the registrar for this domain?
        if (!(request.requestUri() instanceof SipUri ruri) || !isServedDomain(ruri.host())) {
            return reply(request, 404, "Domain not served here");
        }
        // §10.3 step 2: Require
        if (request.hasHeader(HeaderNames.REQUIRE)) {
            List<String> unsupported = new ArrayList<>();
            for (String tag : request.headerValues(HeaderNames.REQUIRE)) {
                if (!tag.equalsIgnoreCase("path") && !tag.equalsIgnoreCase("outbound")) {
                    unsupported.add(tag);
                }
            }
            if (!unsupported.isEmpty()) {
                return request.createResponse(420).toBuilder()
                        .add(HeaderNames.UNSUPPORTED, String.join(", ", unsupported)).build();
            }
        }
        // §10.3 step 5: the address-of-record
        SipUri aor = request.to().sipUri();
        if (aor == null || aor.rawUser() == null || !isServedDomain(aor.host())) {
            return reply(request, 404, "Not a user of " + domain);
        }
        aor = aor.aor();
        List<Address> contacts;
        long headerExpires;
        try {
            contacts = request.contacts();
            headerExpires = request.expires();
        } catch (SipParseException e) {
            return reply(request, 400, e.fault());
        }
        // §10.3 step 6: the wildcard
        if (contacts.stream().anyMatch(Address::isWildcard)) {
            if (contacts.size() != 1 || headerExpires != 0) {
                return reply(request, 400, "Contact * requires Expires: 0 and no other Contact");
            }
            for (Binding b : locations.lookup(aor)) {
                locations.remove(b, RegistrationEvent.Cause.DEREGISTERED);
            }
            return ok(request, aor, nowNanos);
        }
        // §10.3 step 7: each contact
        List<Change> changes = new ArrayList<>(contacts.size());
        for (Address c : contacts) {
            if (c.sipUri() == null) {
                return reply(request, 400, "Contact is not a SIP URI");
            }
            long expires;
            try {
                String p = c.param("expires");
                expires = p != null ? SipMessage.parseDeltaSeconds(p.trim(), "Contact expires")
                        : headerExpires >= 0 ? headerExpires : DEFAULT_EXPIRES;
            } catch (SipParseException e) {
                return reply(request, 400, e.fault());
            }
            if (expires != 0 && expires < MIN_EXPIRES) {
                return request.createResponse(423).toBuilder().add(HeaderNames.MIN_EXPIRES, MIN_EXPIRES).build();
            }
            changes.add(new Change(c, Math.min(expires, MAX_EXPIRES)));
        }
        for (Change ch : changes) {
            apply(request, flow, aor, ch, nowNanos);
        }
        return ok(request, aor, nowNanos);
    }

    private record Change(Address contact, long expires) {
    }

    private void apply(SipRequest request, Flow flow, SipUri aor, Change ch, long nowNanos) {
        String instance = ch.contact.param("+sip.instance");
        String regId = ch.contact.param("reg-id");
        Binding existing = null;
        for (Binding b : locations.lookup(aor)) {
            if (b.sameBindingAs(ch.contact, instance, regId)) {
                existing = b;
                break;
            }
        }
        if (existing != null && existing.callId().equals(request.callId()) && request.cseq().sequence() <= existing.cseq()) {
            log.debug("REGISTER for {} with CSeq {} not above stored {}: binding left alone", aor,
                    request.cseq().sequence(), existing.cseq());
            return;
        }
        if (ch.expires == 0) {
            if (existing != null) {
                locations.remove(existing, RegistrationEvent.Cause.DEREGISTERED);
            }
            return;
        }
        Address stored = ch.contact.withoutParam("expires");
        locations.put(new Binding(aor, stored, instance, regId, nowNanos + ch.expires * 1_000_000_000L,
                request.callId(), request.cseq().sequence(), flow));
    }

    private SipResponse ok(SipRequest request, SipUri aor, long nowNanos) {
        SipResponse.Builder b = request.createResponse(200).toBuilder();
        for (Binding binding : locations.lookup(aor)) {
            b.add(HeaderNames.CONTACT, binding.contact().withParam("expires", Long.toString(binding.remainingSeconds(nowNanos))));
        }
        return withServer(b).build();
    }

    private SipResponse reply(SipRequest request, int status, String reason) {
        return withServer(request.createResponse(status, reason).toBuilder()).build();
    }

    private SipResponse.Builder withServer(SipResponse.Builder b) {
        if (serverHeader != null) {
            b.set(HeaderNames.SERVER, serverHeader);
        }
        return b;
    }

    private boolean isServedDomain(String host) {
        return host.equalsIgnoreCase(domain);
    }
}
