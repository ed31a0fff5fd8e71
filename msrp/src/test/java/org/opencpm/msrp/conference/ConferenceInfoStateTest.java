package org.opencpm.msrp.conference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.msrp.xml.TestResources.bytes;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.opencpm.msrp.conference.ConferenceInfoState.Applied;
import org.opencpm.msrp.conference.ConferenceInfoState.Ended;
import org.opencpm.msrp.conference.ConferenceInfoState.Ignored;
import org.opencpm.msrp.conference.ConferenceInfoState.ResubscribeNeeded;
import org.opencpm.msrp.conference.ConferenceInfoState.Update;

/** A group chat participant follows the CF's NOTIFYs: full at version 6, then partial changes. */
class ConferenceInfoStateTest {

    private static final String FOCUS = "sip:grp-42@cf.example.net";

    private static ConferenceInfoState afterFullVersion6() throws Exception {
        Update u = ConferenceInfoState.empty().apply(ConferenceInfo.parse(bytes("conference/rcs-group-full.xml")));
        assertThat(u).isInstanceOf(Applied.class);
        return u.state();
    }

    @Test
    void aPartialRemovalAtTheNextVersionMarksTheUserBootedAndKeepsEverythingElse() throws Exception {
        ConferenceInfoState state = afterFullVersion6();

        Update u = state.apply(ConferenceInfo.parse(bytes("conference/cpm-partial-booted.xml")));

        assertThat(u).isInstanceOf(Applied.class);
        ConferenceInfo view = u.state().view().orElseThrow();
        assertThat(view.version()).isEqualTo(OptionalLong.of(7));
        assertThat(view.state()).isEqualTo(ElementState.FULL);
        assertThat(view.users()).hasSize(4);
        ConferenceEndpoint carol = view.user("tel:+15550003").orElseThrow().endpoints().get(0);
        assertThat(carol.status()).contains(EndpointStatus.DISCONNECTED);
        assertThat(carol.disconnectionMethod()).contains(DisconnectionMethod.BOOTED);
        // The endpoint carries no state attribute, and RFC 4575 defaults it to "full": it
        // replaces the stored endpoint, so the joining method of version 6 is gone.
        assertThat(carol.joiningMethod()).isEmpty();
        assertThat(view.user("tel:+15550001").orElseThrow().yourOwn()).isTrue();
        assertThat(view.description().flatMap(ConferenceDescription::subject)).contains("Friday lunch");
    }

    @Test
    void aPartialThatSkipsAVersionAsksForResubscriptionAndKeepsTheView() throws Exception {
        ConferenceInfoState state = afterFullVersion6();

        Update u = state.apply(ConferenceInfo.partial(FOCUS, 8, List.of()));

        assertThat(u).isInstanceOf(ResubscribeNeeded.class);
        assertThat(u.state()).isSameAs(state);
        assertThat(((ResubscribeNeeded) u).why()).contains("expected 7");
    }

    @Test
    void aPartialBeforeAnyFullDocumentAsksForResubscription() throws Exception {
        Update u = ConferenceInfoState.empty().apply(ConferenceInfo.parse(bytes("conference/cpm-partial-booted.xml")));

        assertThat(u).isInstanceOf(ResubscribeNeeded.class);
        assertThat(u.state().view()).isEmpty();
    }

    @Test
    void aLateOrRepeatedDocumentIsIgnored() throws Exception {
        ConferenceInfoState state = afterFullVersion6();

        assertThat(state.apply(ConferenceInfo.partial(FOCUS, 6, List.of()))).isInstanceOf(Ignored.class);
        assertThat(state.apply(ConferenceInfo.full(FOCUS, 5, List.of()))).isInstanceOf(Ignored.class);
    }

    @Test
    void aDocumentForAnotherConferenceOrWithoutVersionIsIgnored() throws Exception {
        ConferenceInfoState state = afterFullVersion6();
        ConferenceInfo noVersion = new ConferenceInfo(FOCUS, ElementState.PARTIAL, OptionalLong.empty(),
                Optional.empty(), Optional.empty(), List.of());

        assertThat(state.apply(ConferenceInfo.partial("sip:other@cf.example.net", 7, List.of())))
                .isInstanceOf(Ignored.class);
        assertThat(state.apply(noVersion)).isInstanceOf(Ignored.class);
    }

    @Test
    void aNewerFullDocumentReplacesTheWholeView() throws Exception {
        ConferenceInfo full = ConferenceInfo.full(FOCUS, 9,
                List.of(ConferenceUser.of("tel:+15550001", Optional.of("Alice"), List.of())));

        Update u = afterFullVersion6().apply(full);

        assertThat(u).isInstanceOf(Applied.class);
        assertThat(u.state().view()).contains(full);
    }

    @Test
    void partialUsersAreAddedMergedAndDeletedByEntity() throws Exception {
        ConferenceUser dave = ConferenceUser.of("tel:+15550005", Optional.of("Dave"),
                List.of(ConferenceEndpoint.of("tel:+15550005", EndpointStatus.DIALING_OUT)));
        ConferenceUser bobLeaves = ConferenceUser.of("tel:+15550002", Optional.empty(), List.of())
                .withState(ElementState.DELETED);
        ConferenceUser pendingConnects = ConferenceUser.of("tel:+15550004", Optional.of("Erin"),
                List.of(ConferenceEndpoint.of("tel:+15550004", EndpointStatus.CONNECTED)
                        .withState(ElementState.PARTIAL))).withState(ElementState.PARTIAL);
        ConferenceInfo change = ConferenceInfo.partial(FOCUS, 7, List.of(dave, bobLeaves, pendingConnects))
                .withDescription(new ConferenceDescription(Optional.empty(), Optional.of("Saturday lunch"),
                        Optional.empty()));

        ConferenceInfo view = afterFullVersion6().apply(change).state().view().orElseThrow();

        assertThat(view.users()).extracting(ConferenceUser::entity)
                .containsExactly("tel:+15550001", "tel:+15550003", "tel:+15550004", "tel:+15550005");
        ConferenceUser erin = view.user("tel:+15550004").orElseThrow();
        assertThat(erin.displayText()).contains("Erin");
        assertThat(erin.state()).isEqualTo(ElementState.FULL);
        assertThat(erin.endpoints()).singleElement().extracting(ConferenceEndpoint::status)
                .isEqualTo(Optional.of(EndpointStatus.CONNECTED));
        assertThat(view.description()).contains(new ConferenceDescription(Optional.empty(),
                Optional.of("Saturday lunch"), Optional.of(100)));
    }

    @Test
    void aDeletedDocumentEndsTheConference() throws Exception {
        ConferenceInfo deleted = new ConferenceInfo(FOCUS, ElementState.DELETED, OptionalLong.of(7), Optional.empty(),
                Optional.empty(), List.of());

        Update u = afterFullVersion6().apply(deleted);

        assertThat(u).isInstanceOf(Ended.class);
        assertThat(u.state().view()).contains(deleted);
    }
}
