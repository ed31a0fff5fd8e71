package org.opencpm.server.pf.timer;

import java.time.Duration;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.MinSE;
import org.opencpm.sip.message.OptionTags;
import org.opencpm.sip.message.SessionExpires;
import org.opencpm.sip.message.SipMessage;
import org.opencpm.sip.message.SipParseException;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;

/**
 * RFC 4028 session timers as the B2BUA PF negotiates them, independently on each leg (reference.md §4.3):
 * <ul>
 * <li>as UAS of an INVITE, re-INVITE or UPDATE: a Session-Expires below the PF's Min-SE (90 s) gets
 *     422 with {@code Min-SE: 90} (§8.1); otherwise the 2xx carries {@code Session-Expires} — the
 *     request's interval, reduced to the configured {@code session-expires} if larger, never below the
 *     request's Min-SE — with the request's refresher, else {@code uac} if the UAC supports timers and
 *     {@code uas} (the PF) if not (§9); {@code Require: timer} when the UAC refreshes;</li>
 * <li>as UAC: {@code Supported: timer}, {@code Session-Expires} and {@code Min-SE} on the INVITE and on
 *     refreshes; the 2xx decides (§7.2: no Session-Expires in the 2xx, no timer on that leg);</li>
 * <li>the refresher refreshes at half the interval; the other side ends the session at the interval minus
 *     the smaller of 32 s and a third of it (§10).</li>
 * </ul>
 */
public final class SessionTimerPolicy {

    /** RFC 4028 §4: the lowest Min-SE, and the PF's own. */
    public static final long MIN_SE = MinSE.LOWEST;

    private final long interval;

    /** @param sessionExpires the configured {@code participating-function.session-expires} */
    public SessionTimerPolicy(Duration sessionExpires) {
        this.interval = Math.max(MIN_SE, sessionExpires.getSeconds());
    }

    /** A negotiated timer on one leg. */
    public record Negotiated(long interval, boolean pfRefreshes) {

        /** When the refresher refreshes (§7.4: half the interval is recommended). */
        public Duration refreshIn() {
            return Duration.ofSeconds(interval).dividedBy(2);
        }

        /** When the non-refresher ends the session (§10: BYE before expiry, min(32 s, interval/3) ahead). */
        public Duration expiresIn() {
            return Duration.ofSeconds(interval - Math.min(32, interval / 3));
        }
    }

    /** The configured interval, seconds. */
    public long interval() {
        return interval;
    }

    /** RFC 4028 §8.1 / §9: the 422 to send if the request's Session-Expires is below our Min-SE, else null. */
    public SipResponse tooSmall(SipRequest request) {
        SessionExpires se = sessionExpires(request);
        if (se == null || se.deltaSeconds() >= MIN_SE) {
            return null;
        }
        return request.createResponse(422, "Session Interval Too Small").toBuilder()
                .set(HeaderNames.MIN_SE, MinSE.of(MIN_SE).toString()).build();
    }

    /** As UAS (§9): puts the timer headers on the 2xx and returns what was negotiated. */
    public Negotiated answer(SipRequest request, SipResponse.Builder ok) {
        SessionExpires se = sessionExpires(request);
        boolean uacSupports = supportsTimer(request);
        long floor = Math.max(MIN_SE, minSe(request));
        long chosen = se == null ? interval : Math.min(se.deltaSeconds(), interval);
        chosen = Math.max(chosen, floor);
        SessionExpires.Refresher refresher = se != null && se.refresher() != null ? se.refresher()
                : uacSupports ? SessionExpires.Refresher.UAC : SessionExpires.Refresher.UAS;
        if (refresher == SessionExpires.Refresher.UAC && !uacSupports) {
            refresher = SessionExpires.Refresher.UAS; // §9: a UAC without timer support cannot refresh
        }
        ok.set(HeaderNames.SESSION_EXPIRES, SessionExpires.of(chosen, refresher).toString());
        if (refresher == SessionExpires.Refresher.UAC) {
            ok.add(HeaderNames.REQUIRE, "timer");
        }
        ok.add(HeaderNames.SUPPORTED, "timer");
        return new Negotiated(chosen, refresher == SessionExpires.Refresher.UAS);
    }

    /** As UAC: the timer headers of a request (the PF's INVITE, or a refresh with {@code refresher=uac}). */
    public void offer(SipRequest.Builder b, long seconds, long minSe, boolean asRefresher) {
        SessionExpires se = asRefresher ? SessionExpires.of(seconds, SessionExpires.Refresher.UAC)
                : SessionExpires.of(seconds, null);
        b.set(HeaderNames.SUPPORTED, "timer")
                .set(HeaderNames.SESSION_EXPIRES, se.toString())
                .set(HeaderNames.MIN_SE, MinSE.of(Math.max(MIN_SE, minSe)).toString());
    }

    /** As UAC (§7.2): the timer the 2xx set up, or null if it has no Session-Expires (no timer on that leg). */
    public Negotiated fromAnswer(SipResponse ok) {
        SessionExpires se = sessionExpires(ok);
        if (se == null) {
            return null;
        }
        // §7.2: the UAS must set the refresher; if it did not, the UAC (the PF) refreshes
        return new Negotiated(Math.max(MIN_SE, se.deltaSeconds()), se.refresher() != SessionExpires.Refresher.UAS);
    }

    /** The Min-SE of a message, 0 if absent or malformed. */
    public static long minSe(SipMessage m) {
        String v = m.header(HeaderNames.MIN_SE);
        try {
            return v == null ? 0 : MinSE.parse(v).deltaSeconds();
        } catch (SipParseException e) {
            return 0;
        }
    }

    static SessionExpires sessionExpires(SipMessage m) {
        String v = m.header(HeaderNames.SESSION_EXPIRES);
        try {
            return v == null ? null : SessionExpires.parse(v);
        } catch (SipParseException e) {
            return null;
        }
    }

    static boolean supportsTimer(SipMessage m) {
        try {
            return OptionTags.of(m, HeaderNames.SUPPORTED).contains("timer")
                    || OptionTags.of(m, HeaderNames.REQUIRE).contains("timer");
        } catch (SipParseException e) {
            return false;
        }
    }
}
