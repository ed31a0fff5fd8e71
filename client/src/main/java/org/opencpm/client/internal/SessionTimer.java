package org.opencpm.client.internal;

import java.time.Duration;
import org.opencpm.common.time.Cancellable;
import org.opencpm.common.time.Scheduler;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.OptionTags;
import org.opencpm.sip.message.SessionExpires;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session timer of one chat dialog (RFC 4028), on the client's event thread:
 *
 * <ol>
 * <li>As UAS of an INVITE, re-INVITE or UPDATE with Session-Expires ({@link #answer}): the
 *     refresher is the one the request names, else the UAC if it supports {@code timer}, else us;
 *     the 2xx carries Session-Expires with the refresher and {@code Require: timer} (§9).</li>
 * <li>As UAC, from the 2xx to our request ({@link #fromResponse}): a 2xx without Session-Expires
 *     means no expiry (§7.2).</li>
 * <li>The refresher refreshes at half the interval; the other side ends the session if no refresh
 *     came "the minimum of 32 seconds and one third of the session interval" before expiry (§10).</li>
 * </ol>
 */
final class SessionTimer {

    private static final Logger log = LoggerFactory.getLogger(SessionTimer.class);

    private final Scheduler scheduler;
    private final Runnable refresh;
    private final Runnable expired;
    private long interval;
    private Cancellable pending;

    /**
     * @param refresh run when we must refresh (send UPDATE)
     * @param expired run when the peer did not refresh in time (send BYE)
     */
    SessionTimer(Scheduler scheduler, Runnable refresh, Runnable expired) {
        this.scheduler = scheduler;
        this.refresh = refresh;
        this.expired = expired;
    }

    /** The session interval in force, 0 if none. */
    long interval() {
        return interval;
    }

    /** Our 2xx to a request with Session-Expires, and the timer it starts. */
    void answer(SipRequest request, SipResponse.Builder ok) {
        String value = request.header(HeaderNames.SESSION_EXPIRES);
        if (value == null) {
            return;
        }
        SessionExpires se;
        try {
            se = SessionExpires.parse(value);
        } catch (RuntimeException e) {
            log.debug("bad Session-Expires ignored: {}", value);
            return;
        }
        boolean uacSupports = OptionTags.of(request, HeaderNames.SUPPORTED).contains("timer");
        SessionExpires.Refresher who = se.refresher() != null ? se.refresher()
                : uacSupports ? SessionExpires.Refresher.UAC : SessionExpires.Refresher.UAS;
        ok.add(HeaderNames.SESSION_EXPIRES, SessionExpires.of(se.deltaSeconds(), who));
        if (uacSupports) {
            ok.add(HeaderNames.REQUIRE, "timer");
        }
        restart(se.deltaSeconds(), who == SessionExpires.Refresher.UAS);
    }

    /** The timer from the 2xx to a request we sent in the role {@code us}. */
    void fromResponse(SipResponse ok, SessionExpires.Refresher us) {
        String value = ok.header(HeaderNames.SESSION_EXPIRES);
        if (value == null) {
            restart(0, false);
            return;
        }
        try {
            SessionExpires se = SessionExpires.parse(value);
            restart(se.deltaSeconds(), se.refresher() == us);
        } catch (RuntimeException e) {
            log.debug("bad Session-Expires ignored: {}", value);
        }
    }

    /** Starts the timer anew: {@code interval} 0 stops it. */
    void restart(long seconds, boolean weRefresh) {
        stop();
        interval = seconds;
        if (seconds <= 0) {
            return;
        }
        if (weRefresh) {
            pending = scheduler.schedule(Duration.ofSeconds(Math.max(1, seconds / 2)), refresh);
        } else {
            long byeAt = Math.max(1, seconds - Math.min(32, seconds / 3));
            pending = scheduler.schedule(Duration.ofSeconds(byeAt), expired);
        }
    }

    void stop() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }
}
