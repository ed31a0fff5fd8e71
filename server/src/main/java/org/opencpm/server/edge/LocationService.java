package org.opencpm.server.edge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.opencpm.common.time.Cancellable;
import org.opencpm.common.time.Scheduler;
import org.opencpm.sip.message.SipUri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The location service of the embedded SIP/IP core: the current bindings of every address-of-record,
 * with their expiry, and the listeners that learn each change (the Participating Function).
 *
 * <p>Owned by the SIP owner thread: all methods are called from its scheduler. Registrations live in
 * memory only; after a restart clients re-register, as they do after any registrar restart.
 */
public final class LocationService {

    private static final Logger log = LoggerFactory.getLogger(LocationService.class);

    private final Scheduler scheduler;
    private final Map<SipUri, List<Binding>> bindings = new HashMap<>();
    private final Map<Binding, Cancellable> expiryTimers = new HashMap<>();
    private final Map<String, Binding> byContact = new HashMap<>();
    private final Map<String, Binding> bySource = new HashMap<>();
    private final List<RegistrationListener> listeners = new CopyOnWriteArrayList<>();

    public LocationService(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public void addListener(RegistrationListener listener) {
        listeners.add(listener);
    }

    /** The current bindings of an AoR (never null; empty if the user is not registered). */
    public List<Binding> lookup(SipUri aor) {
        List<Binding> list = bindings.get(aor.aor());
        return list == null ? List.of() : List.copyOf(list);
    }

    public boolean isRegistered(SipUri aor) {
        return !lookup(aor).isEmpty();
    }

    /** The binding whose contact URI has the user, host and port of {@code contact}, or null. */
    public Binding findByContact(SipUri contact) {
        return byContact.get(contactKey(contact));
    }

    private static String contactKey(SipUri c) {
        return c.user() + "@" + c.host().toLowerCase(java.util.Locale.ROOT) + ":" + c.port();
    }

    /**
     * The binding a request arriving on {@code flow} comes from: the one registered over that same
     * connection, or whose contact address is the flow's remote address (a UDP client sends from the
     * port it registered). Null if the source is no registered client.
     */
    public Binding findBySource(org.opencpm.sip.transport.Flow flow) {
        Binding b = bySource.get(sourceKey(flow.remote()));
        return b;
    }

    private static String sourceKey(java.net.InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return host + ":" + a.getPort();
    }

    private static String sourceKeyOf(SipUri c) {
        String host = c.host().startsWith("[") ? c.host().substring(1, c.host().length() - 1) : c.host();
        if (org.opencpm.sip.transport.ResponseRouting.isLiteral(host)) {
            try {
                // a literal: canonical form without a look-up (never DNS on the SIP thread)
                host = java.net.InetAddress.getByName(host).getHostAddress();
            } catch (java.net.UnknownHostException e) {
                // not reachable for a literal
            }
        }
        return host + ":" + c.portOrDefault();
    }

    private void indexSource(Binding b) {
        bySource.put(sourceKeyOf(b.contactUri()), b);
        if (b.flow() != null && b.flow().transport().isReliable()) {
            bySource.put(sourceKey(b.flow().remote()), b);
        }
    }

    private void unindexSource(Binding b) {
        bySource.remove(sourceKeyOf(b.contactUri()), b);
        if (b.flow() != null) {
            bySource.remove(sourceKey(b.flow().remote()), b);
        }
    }

    /** Every AoR with at least one binding. */
    public List<SipUri> registeredUsers() {
        return List.copyOf(bindings.keySet());
    }

    public int bindingCount() {
        int n = 0;
        for (List<Binding> l : bindings.values()) {
            n += l.size();
        }
        return n;
    }

    /** Adds or replaces a binding (replacing the one that {@link Binding#sameBindingAs} it) and arms its expiry. */
    public void put(Binding b) {
        SipUri aor = b.aor().aor();
        List<Binding> list = bindings.computeIfAbsent(aor, k -> new ArrayList<>(2));
        Binding old = null;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).sameBindingAs(b.contact(), b.instanceId(), b.regId())) {
                old = list.set(i, b);
                break;
            }
        }
        if (old == null) {
            list.add(b);
        } else {
            cancelExpiry(old);
            byContact.remove(contactKey(old.contactUri()), old);
            unindexSource(old);
        }
        byContact.put(contactKey(b.contactUri()), b);
        indexSource(b);
        long delay = b.expiresAtNanos() - scheduler.clock().nanoTime();
        expiryTimers.put(b, scheduler.schedule(Duration.ofNanos(Math.max(0, delay)), () -> expire(b)));
        RegistrationEvent event = old == null
                ? new RegistrationEvent.Registered(aor, b, List.copyOf(list))
                : new RegistrationEvent.Refreshed(aor, b, List.copyOf(list));
        log.debug("{} {} ({} contact(s))", old == null ? "registered" : "refreshed", b.contact(), list.size());
        fire(event);
    }

    /** Removes a binding on an explicit de-registration (Expires: 0). */
    public void remove(Binding b, RegistrationEvent.Cause cause) {
        SipUri aor = b.aor().aor();
        List<Binding> list = bindings.get(aor);
        if (list == null || !list.remove(b)) {
            return;
        }
        cancelExpiry(b);
        byContact.remove(contactKey(b.contactUri()), b);
        unindexSource(b);
        if (list.isEmpty()) {
            bindings.remove(aor);
        }
        log.debug("unregistered {} of {} ({})", b.contact(), aor, cause);
        fire(new RegistrationEvent.Unregistered(aor, b, cause, list.isEmpty() ? List.of() : List.copyOf(list)));
    }

    private void expire(Binding b) {
        expiryTimers.remove(b);
        log.info("registration of {} for {} expired", b.contact(), b.aor());
        remove(b, RegistrationEvent.Cause.EXPIRED);
    }

    private void cancelExpiry(Binding b) {
        Cancellable c = expiryTimers.remove(b);
        if (c != null) {
            c.cancel();
        }
    }

    private void fire(RegistrationEvent event) {
        for (RegistrationListener l : listeners) {
            try {
                l.onRegistrationEvent(event);
            } catch (RuntimeException e) {
                log.error("registration listener {} failed on {} for {}; the registration itself stands", l,
                        event.getClass().getSimpleName(), event.aor(), e);
            }
        }
    }
}
