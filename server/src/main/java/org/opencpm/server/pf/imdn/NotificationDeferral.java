package org.opencpm.server.pf.imdn;

import java.util.function.Consumer;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.server.pf.checks.Rejection;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipUri;

/**
 * §8.3.5 para 1 (PF-IMDN-TD-01): "If the receiving CPM Client is not available, the CPM Participating
 * Function SHALL proceed with deferring the disposition notification, following procedures described in
 * sect. 8.3.1.6". What the notification procedures need of the deferral of standalone messages: hand the
 * MESSAGE over, learn whether it is now durably deferred.
 *
 * <p>Asynchronous on purpose: the durable deferral queue commits off the SIP thread. {@code done} runs on the
 * SIP owner thread.
 */
public interface NotificationDeferral {

    /** No deferral: 480, as the pager procedure answers without one (AMB-24). */
    NotificationDeferral REJECT = (user, message, cpim, done) ->
            done.accept(new Result.Rejected(Rejection.of(480, "Temporarily Unavailable")));

    void defer(SipUri servedUser, SipRequest message, CpimMessage cpim, Consumer<Result> done);

    /** Whether the notification was deferred. */
    sealed interface Result {
        /** Deferred: the sender gets 202 Accepted. */
        record Deferred() implements Result {
        }

        /** Not deferred: the sender gets this answer. */
        record Rejected(Rejection rejection) implements Result {
        }
    }
}
