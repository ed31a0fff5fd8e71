package org.opencpm.server.pf.bye;

import java.time.Duration;
import org.opencpm.common.time.Cancellable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the BYEs a procedure sent (AMB-12): every BYE counts as complete on any final response
 * or transaction failure; a guard timer (default 8 s, well below the peer's Timer F of 32 s) ends the
 * wait anyway, so that the BYE the PF is holding is still answered in time. Runs its continuation once.
 */
public final class Completion {

    /** AMB-12: the BYE guard timer. */
    public static final Duration BYE_GUARD = Duration.ofSeconds(8);

    private static final Logger log = LoggerFactory.getLogger(Completion.class);

    private final String what;
    private final Runnable then;
    private int outstanding;
    private boolean armed;
    private boolean done;
    private Cancellable guard = Cancellable.NONE;

    public Completion(String what, Runnable then) {
        this.what = what;
        this.then = then;
    }

    /** One more BYE to wait for; call before sending it. */
    public Completion expect() {
        outstanding++;
        return this;
    }

    /** One BYE completed (any final response, a failure, or not sent at all). */
    public void completed() {
        outstanding--;
        if (armed && outstanding <= 0) {
            finish(false);
        }
    }

    /** All BYEs are sent: continue now if they completed already, else when they do or the guard fires. */
    public void await(ByeSession session) {
        armed = true;
        if (outstanding <= 0) {
            finish(false);
            return;
        }
        guard = session.schedule(BYE_GUARD, () -> finish(true));
    }

    private void finish(boolean byGuard) {
        if (done) {
            return;
        }
        done = true;
        guard.cancel();
        if (byGuard) {
            log.info("{}: {} BYE(s) unanswered after {} s; going on (AMB-12)", what, outstanding, BYE_GUARD.toSeconds());
        }
        then.run();
    }
}
