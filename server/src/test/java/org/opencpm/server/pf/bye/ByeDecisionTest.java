package org.opencpm.server.pf.bye;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencpm.server.config.ParticipatingFunctionConfig.IwfByeCloses;
import org.opencpm.server.config.Profile;
import org.opencpm.server.config.UserPreferences;
import org.opencpm.server.pf.bye.ReasonAnalysis.Meaning;

/**
 * The classification and decision of §8.2.2.3 (and §8.3.2.3 through RD-13) as tables, in the manner of
 * Netty's keep-alive handler test: each numbered row is leg × Reason × profile × situation → branch.
 */
class ByeDecisionTest {

    private static final UserPreferences ALL = UserPreferences.DEFAULT;
    private static final UserPreferences NONE = new UserPreferences(false, false, false, false, List.of());
    private static final UserPreferences STORE_ONLY = new UserPreferences(false, true, false, false, List.of());

    /** Situations: s1 one device, s2 other devices connected, g1 group one device, g2 group with other devices. */
    private static ByeDecision.Facts facts(String situation, UserPreferences p, boolean restart, int iwfs,
                                           IwfByeCloses closes) {
        boolean others = situation.endsWith("2");
        boolean group = situation.startsWith("g");
        return new ByeDecision.Facts(others, iwfs, group, p, closes, true, restart);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                // row, profile, leg, Reason, situation, expected class, expected outcome
                row(1, Profile.CPM21, LegKind.CLIENT, null, "s1", "ClientLeft", "ClientLeaves[byeOtherDevices=false]"),
                row(2, Profile.CPM21, LegKind.CLIENT, "SIP;cause=200;text=\"Call completed\"", "s1", "ClientLeft",
                        "ClientLeaves[byeOtherDevices=false]"),
                row(3, Profile.CPM21, LegKind.CLIENT, "SIP;cause=200", "s2", "ClientLeft", "ClientLeaves[byeOtherDevices=true]"),
                row(4, Profile.CPM21, LegKind.CLIENT, "SIP;cause=503;text=\"Service Unavailable\"", "s2", "ConnectionLost",
                        "LeaveOneDevice[]"),
                row(5, Profile.CPM21, LegKind.CLIENT, null, "s2", "ClientLeft", "LeaveOneDevice[]"),
                row(6, Profile.CPM21, LegKind.CLIENT, "SIP;cause=503", "s1", "ConnectionLost", "Propagate[record=true]"),
                row(7, Profile.CPM21, LegKind.CLIENT, "SIP;cause=503", "g1", "ConnectionLost", "RemainInGroup[intercept=true]"),
                row(8, Profile.CPM21, LegKind.NETWORK, null, "s1", "OtherEntityEnded", "PeerEnds"),
                row(9, Profile.CPM21, LegKind.NETWORK, "SIP;cause=410;text=\"Gone\"", "g1", "OtherEntityEnded", "PeerEnds"),
                row(10, Profile.CPM21, LegKind.NETWORK, "SIP;cause=480", "g1", "OtherEntityEnded", "PeerEnds"),
                row(11, Profile.CPM21, LegKind.NETWORK, "SIP;cause=503", "s1", "OtherEntityEnded", "PeerEnds"),
                row(12, Profile.CPM21, LegKind.IWF, "SIP;cause=200", "s1", "IwfEnded", "IwfEndsSession[]"),
                row(13, Profile.CPM20, LegKind.CLIENT, "SIP;cause=503", "s2", "ConnectionLost", "Propagate[record=true]"),
                row(14, Profile.CPM20, LegKind.CLIENT, "SIP;cause=200", "s2", "ClientLeft", "ClientLeaves[byeOtherDevices=false]"),
                row(15, Profile.CPM20_EARLY, LegKind.CLIENT, "SIP;cause=503", "s1", "ClientLeft",
                        "ClientLeaves[byeOtherDevices=false]"),
                row(16, Profile.CPM20_EARLY, LegKind.NETWORK, "SIP;cause=410", "g1", "OtherEntityEnded", "PeerEnds"),
                row(17, Profile.CPM21, LegKind.CLIENT, "RELEASE_CAUSE;cause=1;text=\"User ends call\"", "s1", "ClientLeft",
                        "ClientLeaves[byeOtherDevices=false]"),
                row(18, Profile.CPM21, LegKind.CLIENT, "RELEASE_CAUSE;cause=3;text=\"Media bearer loss\"", "s1",
                        "ConnectionLost", "Propagate[record=true]"),
                row(19, Profile.CPM21, LegKind.CLIENT, "Q.850;cause=16", "s1", "ClientLeft", "ClientLeaves[byeOtherDevices=false]"),
                row(20, Profile.CPM21, LegKind.CLIENT, "Q.850;cause=41, sip;cause=200", "s1", "ClientLeft",
                        "ClientLeaves[byeOtherDevices=false]"),
                row(21, Profile.CPM21, LegKind.CLIENT, "X-VENDOR;cause=7", "s1", "ClientLeft", "ClientLeaves[byeOtherDevices=false]"),
                row(22, Profile.CPM21, LegKind.CLIENT, "SIP;cause=abc", "s1", "ClientLeft", "ClientLeaves[byeOtherDevices=false]"),
                row(23, Profile.CPM21, LegKind.CLIENT, "SIP;cause=503", "g2", "ConnectionLost", "LeaveOneDevice[]"));
    }

    private static Arguments row(int n, Profile p, LegKind leg, String reason, String situation, String cls, String outcome) {
        return Arguments.of(n, p, leg, reason, situation, cls, outcome);
    }

    @ParameterizedTest(name = "row {0}: {1} {2} Reason [{3}] {4} → {5} / {6}")
    @MethodSource("rows")
    @DisplayName("PF-O-BYE-02…07/09/10/24, PF-T-BYE (RD-13), AMB-05, RD-02/03/04: leg decides, Reason refines, per profile")
    void classifiesAndDecides(int row, Profile profile, LegKind leg, String reason, String situation, String cls,
                              String outcome) {
        ByeVariant v = ByeVariant.of(profile, true);
        ByeClass c = ByeDecision.classify(leg, reason, v);
        assertThat(c.getClass().getSimpleName()).as("row %d class", row).isEqualTo(cls);
        ByeOutcome o = ByeDecision.decide(c, facts(situation, ALL, true, leg == LegKind.IWF ? 1 : 0, IwfByeCloses.SESSION), v);
        String shown = o instanceof ByeOutcome.PeerEnds ? "PeerEnds" : o.toString();
        assertThat(shown).as("row %d outcome", row).isEqualTo(outcome);
    }

    @Test
    @DisplayName("PF-O-BYE-06: 410 is 'ended, no restart', 480 'inactive, restartable'; the 410/480 class is kept")
    void classifies410And480() {
        ByeVariant v = ByeVariant.of(Profile.CPM21, true);
        ByeClass gone = ByeDecision.classify(LegKind.NETWORK, "SIP;cause=410;text=\"Gone\"", v);
        ByeClass idle = ByeDecision.classify(LegKind.NETWORK, "SIP;cause=480;text=\"Bearer unavailable\"", v);
        assertThat(gone.reason().meaning()).isEqualTo(Meaning.GROUP_ENDED);
        assertThat(((ByeClass.OtherEntityEnded) gone).restartable()).isFalse();
        assertThat(idle.reason().meaning()).isEqualTo(Meaning.GROUP_INACTIVE);
        assertThat(((ByeClass.OtherEntityEnded) idle).restartable()).isTrue();
    }

    @Test
    @DisplayName("PF-O-BYE-24/25/27/29: group connection loss remains for (a)-(c) with interception, (d) alone without, none propagates")
    void groupConnectionLossDependsOnPreferences() {
        ByeVariant v = ByeVariant.of(Profile.CPM21, true);
        ByeClass lost = ByeDecision.classify(LegKind.CLIENT, "SIP;cause=503", v);
        assertThat(ByeDecision.decide(lost, facts("g1", STORE_ONLY, false, 0, IwfByeCloses.SESSION), v))
                .isEqualTo(new ByeOutcome.RemainInGroup(true));
        assertThat(ByeDecision.decide(lost, facts("g1", NONE, true, 0, IwfByeCloses.SESSION), v))
                .isEqualTo(new ByeOutcome.RemainInGroup(false));
        assertThat(ByeDecision.decide(lost, facts("g1", NONE, false, 0, IwfByeCloses.SESSION), v))
                .isEqualTo(new ByeOutcome.Propagate(false));
        // AMB-37: a 1-1 session never remains; it is recorded only if allow-offline-storage
        assertThat(ByeDecision.decide(lost, facts("s1", NONE, true, 0, IwfByeCloses.SESSION), v))
                .isEqualTo(new ByeOutcome.Propagate(false));
    }

    @Test
    @DisplayName("PF-O-BYE-21/22, PF-T-BYE-11/12: an IWF BYE closes streams only with several IWFs and iwf-bye-closes: streams")
    void iwfScope() {
        ByeVariant v = ByeVariant.of(Profile.CPM21, false);
        ByeClass iwf = ByeDecision.classify(LegKind.IWF, null, v);
        assertThat(ByeDecision.decide(iwf, facts("s1", ALL, true, 2, IwfByeCloses.STREAMS), v))
                .isEqualTo(new ByeOutcome.IwfStreamsClose());
        assertThat(ByeDecision.decide(iwf, facts("s1", ALL, true, 2, IwfByeCloses.SESSION), v))
                .isEqualTo(new ByeOutcome.IwfEndsSession());
        assertThat(ByeDecision.decide(iwf, facts("s1", ALL, true, 1, IwfByeCloses.STREAMS), v))
                .isEqualTo(new ByeOutcome.IwfEndsSession());
    }

    @Test
    @DisplayName("RD-01/05/06/07/11/12: the profile variants, chosen once per side")
    void variants() {
        assertThat(ByeVariant.of(Profile.CPM21, true)).isEqualTo(new ByeVariant(true,
                ByeVariant.ConnectionLossRule.NO_OTHER_CLIENT, true, false, false, false, false));
        assertThat(ByeVariant.of(Profile.CPM20, true)).isEqualTo(new ByeVariant(true,
                ByeVariant.ConnectionLossRule.ALWAYS, false, false, true, false, true));
        assertThat(ByeVariant.of(Profile.CPM20_EARLY, true)).isEqualTo(new ByeVariant(false,
                ByeVariant.ConnectionLossRule.NONE, false, true, true, true, true));
        assertThat(ByeVariant.of(Profile.CPM21, false)).isEqualTo(new ByeVariant(true,
                ByeVariant.ConnectionLossRule.NO_OTHER_CLIENT, true, false, true, true, true));
        assertThat(ByeVariant.of(Profile.CPM20_EARLY, false).releaseAllFirst()).isTrue();
    }

    @Test
    @DisplayName("AMB-05: every Reason value is parsed; the SIP one counts, case-insensitively; a bad header counts as none")
    void reasonAnalysis() {
        assertThat(ReasonAnalysis.of("Q.850;cause=16, SIP;cause=503").meaning()).isEqualTo(Meaning.OTHER);
        assertThat(ReasonAnalysis.of("sip;cause=200").meaning()).isEqualTo(Meaning.LEAVE);
        assertThat(ReasonAnalysis.of("SIP;cause=200, SIP;cause=503").meaning()).isEqualTo(Meaning.NONE);
        assertThat(ReasonAnalysis.of(null)).isEqualTo(ReasonAnalysis.ABSENT);
        assertThat(ReasonAnalysis.of("SIP;cause=410;text=\"Gone\"").header()).isEqualTo("SIP;cause=410;text=\"Gone\"");
    }
}
