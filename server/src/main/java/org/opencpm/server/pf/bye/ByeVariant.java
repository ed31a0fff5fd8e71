package org.opencpm.server.pf.bye;

import org.opencpm.server.config.Profile;

/**
 * The revision-dependent switches of the shared BYE handler (requirements.md §5), chosen once per
 * profile and side when the PF is built, not tested at every step.
 *
 * @param analyseReason     RD-02: classify by Reason as well as by leg (false: by leg only, seed 004)
 * @param connectionLoss    RD-03: when the step-4 connection-loss branch applies
 * @param multiDevice       RD-04: multi-device handling of step 1.b (PF-O-BYE-09/10)
 * @param releaseAllFirst   RD-01 / RD-11: release all media on receipt of the BYE (seed 004) instead of
 *                          the sender's leg at once and everything else last
 * @param uidIn200ToClient  RD-05 (originating) / PF-T-BYE-06 (terminating, RD-12): Message-UID = SIO UID in
 *                          the 200 "OK" to the client's BYE
 * @param groupStateIdOnLeave RD-06 (originating) / PF-T-BYE-05: set GroupStateObjectID after the GSO is stored
 * @param uidInByeToClient  RD-07 (originating) / PF-T-BYE-09 (terminating, RD-12): Message-UID with the §8.5.2
 *                          UID in the BYE to the client
 */
public record ByeVariant(boolean analyseReason, ConnectionLossRule connectionLoss, boolean multiDevice,
                         boolean releaseAllFirst, boolean uidIn200ToClient, boolean groupStateIdOnLeave,
                         boolean uidInByeToClient) {

    /** RD-03: when a non-200 SIP Reason on a client leg leads to step 4. */
    public enum ConnectionLossRule {
        /** Seed 004: no step 4; the BYE is a client BYE. */
        NONE,
        /** Seed 000: step 4 whatever other clients are connected. */
        ALWAYS,
        /** Seed 001: step 4 only if no other suitable client of the user is connected (else PF-O-BYE-10). */
        NO_OTHER_CLIENT
    }

    /**
     * The variant for a profile and side. The terminating side (§8.3.2.3, seed 004 only) gets the
     * originating side's Reason analysis, connection-loss and multi-device logic of the same profile
     * (RD-13) and the media timing fix except in CPM20-EARLY (RD-11); its Message-UID items follow its
     * own seed (RD-12: on).
     */
    public static ByeVariant of(Profile profile, boolean originating) {
        boolean early = profile == Profile.CPM20_EARLY;
        ConnectionLossRule loss = switch (profile) {
            case CPM21 -> ConnectionLossRule.NO_OTHER_CLIENT;
            case CPM20 -> ConnectionLossRule.ALWAYS;
            case CPM20_EARLY -> ConnectionLossRule.NONE;
        };
        boolean newest = profile == Profile.CPM21;
        if (originating) {
            return new ByeVariant(!early, loss, newest, early, !newest, early, !newest);
        }
        return new ByeVariant(!early, loss, newest, early, true, true, true);
    }
}
