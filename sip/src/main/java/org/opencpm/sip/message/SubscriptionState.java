package org.opencpm.sip.message;

import java.util.Locale;
import org.opencpm.sip.internal.grammar.Scanner;

/**
 * The Subscription-State header (RFC 6665 §8.2.3): {@code active;expires=600},
 * {@code terminated;reason=timeout}, {@code pending}.
 *
 * <pre>
 * Subscription-State = "Subscription-State" HCOLON substate-value *( SEMI subexp-params )
 * substate-value     = "active" / "pending" / "terminated" / extension-substate
 * subexp-params      = ("reason" EQUAL event-reason-value) / ("expires" EQUAL delta-seconds)
 *                    / ("retry-after" EQUAL delta-seconds) / generic-param
 * </pre>
 *
 * @param state      the substate-value in lower case
 * @param expires    the expires parameter, or -1
 * @param retryAfter the retry-after parameter, or -1
 * @param params     all parameters as written
 */
public record SubscriptionState(String state, long expires, long retryAfter, Parameters params) {

    public static final String ACTIVE = "active";
    public static final String PENDING = "pending";
    public static final String TERMINATED = "terminated";

    public static SubscriptionState active(long expires) {
        return new SubscriptionState(ACTIVE, expires, -1, Parameters.EMPTY.with("expires", Long.toString(expires)));
    }

    public static SubscriptionState pending(long expires) {
        return new SubscriptionState(PENDING, expires, -1, Parameters.EMPTY.with("expires", Long.toString(expires)));
    }

    /** {@code terminated;reason=<reason>}; reason may be null. */
    public static SubscriptionState terminated(String reason) {
        return new SubscriptionState(TERMINATED, -1, -1,
                reason == null ? Parameters.EMPTY : Parameters.EMPTY.with("reason", reason));
    }

    public static SubscriptionState parse(String text) {
        Scanner sc = new Scanner(text, HeaderNames.SUBSCRIPTION_STATE);
        sc.skipLws();
        if (!sc.atToken()) {
            throw sc.fail("expected a substate-value");
        }
        String state = sc.token().toLowerCase(Locale.ROOT);
        Parameters params = Parameters.parse(sc, true);
        sc.skipLws();
        if (!sc.atEnd()) {
            throw sc.fail("unexpected '" + (char) sc.peek() + "'");
        }
        return new SubscriptionState(state, delta(params, "expires"), delta(params, "retry-after"), params);
    }

    private static long delta(Parameters params, String name) {
        if (!params.has(name)) {
            return -1;
        }
        String v = params.raw(name);
        if (v == null) {
            throw new SipParseException("Bad Subscription-State: " + name + " without value", -1);
        }
        return SipMessage.parseDeltaSeconds(v, "Subscription-State: " + name + " is not delta-seconds");
    }

    public boolean isActive() {
        return state.equals(ACTIVE);
    }

    public boolean isPending() {
        return state.equals(PENDING);
    }

    public boolean isTerminated() {
        return state.equals(TERMINATED);
    }

    /** The reason parameter (deactivated, probation, rejected, timeout, giveup, noresource, invariant), or null. */
    public String reason() {
        return params.get("reason").orElse(null);
    }

    @Override
    public String toString() {
        return state + params;
    }
}
