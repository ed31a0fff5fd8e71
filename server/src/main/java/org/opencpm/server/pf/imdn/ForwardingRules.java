package org.opencpm.server.pf.imdn;

import java.util.EnumSet;
import java.util.Set;
import org.opencpm.store.imdn.DispositionType;

/**
 * The forwarding rules of §8.3.4 step 2.a (seed 001), as "which types already forwarded for the same
 * message suppress a notification of this type"; also applied on the sending side (§8.2.4, AMB-21).
 * <ul>
 *   <li>i. a disposition of the same type was already sent → not forwarded (PF-IMDN-T-04);</li>
 *   <li>ii. a delivery notification after an interworking notification → not forwarded (PF-IMDN-T-05);</li>
 *   <li>iii.1 an interworking notification after a display notification → not forwarded (PF-IMDN-T-06);</li>
 *   <li>iv. otherwise forwarded and cached (PF-IMDN-T-08). Pairs the seed does not list (display after
 *       interworking, delivery after display) are forwarded (AMB-19 c).</li>
 * </ul>
 * Rule iii.2 (isComposing seen in the CPM Session, PF-IMDN-T-07) depends on session state and is applied by
 * {@link SessionNotifications}.
 */
public final class ForwardingRules {

    private ForwardingRules() {
    }

    /** The types whose earlier forwarding suppresses a notification of {@code type}. */
    public static Set<DispositionType> suppressors(DispositionType type) {
        return switch (type) {
            // 2.a.i and 2.a.ii: "an interworking notification was already sent for the same CPM Message"
            case DELIVERY -> EnumSet.of(DispositionType.DELIVERY, DispositionType.INTERWORKING);
            // 2.a.i and 2.a.iii.1: "a display notification was already sent for that message"
            case INTERWORKING -> EnumSet.of(DispositionType.INTERWORKING, DispositionType.DISPLAY);
            case DISPLAY, PROCESSING -> EnumSet.of(type);
        };
    }

    /** The requirement that explains why {@code type} was suppressed, given what was forwarded before. */
    public static String suppressedBy(DispositionType type, Set<DispositionType> alreadyForwarded) {
        if (alreadyForwarded.contains(type)) {
            return "PF-IMDN-T-04";
        }
        return type == DispositionType.DELIVERY ? "PF-IMDN-T-05" : "PF-IMDN-T-06";
    }

    /** The cache's type for a notification's type (the two enums name the same four kinds, AMB-19 c). */
    public static DispositionType of(org.opencpm.msrp.imdn.DispositionType type) {
        return switch (type) {
            case DELIVERY -> DispositionType.DELIVERY;
            case DISPLAY -> DispositionType.DISPLAY;
            case PROCESSING -> DispositionType.PROCESSING;
            case INTERWORKING -> DispositionType.INTERWORKING;
        };
    }
}
