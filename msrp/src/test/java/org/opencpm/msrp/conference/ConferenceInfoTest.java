package org.opencpm.msrp.conference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.opencpm.msrp.xml.TestResources.bytes;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencpm.msrp.xml.XmlBodyException;
import org.opencpm.msrp.xml.XmlBodyException.Reason;

class ConferenceInfoTest {

    @Test
    void theRfc4575BasicExampleShowsBobDepartedAndAliceDialedOut() throws Exception {
        ConferenceInfo info = ConferenceInfo.parse(bytes("conference/rfc4575-basic-full.xml"));

        assertThat(info.entity()).isEqualTo("sips:conf233@example.com");
        assertThat(info.state()).isEqualTo(ElementState.FULL);
        assertThat(info.version()).isEqualTo(OptionalLong.of(1));
        assertThat(info.description().flatMap(ConferenceDescription::subject)).contains("Agenda: This month's goals");
        assertThat(info.conferenceState().flatMap(ConferenceState::userCount)).contains(33);
        assertThat(info.users()).extracting(ConferenceUser::entity)
                .containsExactly("sip:bob@example.com", "sip:alice@example.com");

        ConferenceEndpoint bob = info.user("sip:bob@example.com").orElseThrow().endpoints().get(0);
        assertThat(bob.displayText()).contains("Bob's Laptop");
        assertThat(bob.status()).contains(EndpointStatus.DISCONNECTED);
        assertThat(bob.disconnectionMethod()).contains(DisconnectionMethod.DEPARTED);
        assertThat(bob.disconnectionInfo()).contains(new ExecutionInfo(
                Optional.of(OffsetDateTime.parse("2005-03-04T20:00:00Z")), Optional.of("bad voice quality"),
                Optional.of("sip:mike@example.com")));

        ConferenceEndpoint alice = info.user("sip:alice@example.com").orElseThrow()
                .endpoint("sip:4kfk4j392jsu@example.com;grid=433kj4j3u").orElseThrow();
        assertThat(alice.status()).contains(EndpointStatus.CONNECTED);
        assertThat(alice.joiningMethod()).contains(JoiningMethod.DIALED_OUT);
        assertThat(alice.joiningInfo().flatMap(ExecutionInfo::by)).contains("sip:mike@example.com");
    }

    @Test
    void theRichExampleSkipsHostInfoSidebarsMediaAndExtensionsButKeepsTheModelledParts() throws Exception {
        ConferenceInfo info = ConferenceInfo.parse(bytes("conference/rfc4575-rich-full.xml"));

        assertThat(info.description()).contains(new ConferenceDescription(Optional.of("Weekly Sales Meeting"),
                Optional.of("Agenda: This month's goals"), Optional.of(50)));
        assertThat(info.conferenceState()).contains(new ConferenceState(Optional.of(2), Optional.of(true),
                Optional.of(false)));
        assertThat(info.user("sip:mike@example.com").orElseThrow().roles()).containsExactly("chairman", "participant");
        assertThat(info.user("sip:bob@example.com").orElseThrow().endpoints()).singleElement()
                .extracting(ConferenceEndpoint::joiningMethod).isEqualTo(Optional.of(JoiningMethod.DIALED_IN));
    }

    @Test
    void theRcsFocusMarksTheSubscribersOwnEntryWithYourown() throws Exception {
        ConferenceInfo info = ConferenceInfo.parse(bytes("conference/rcs-group-full.xml"));

        assertThat(info.users()).filteredOn(ConferenceUser::yourOwn).extracting(ConferenceUser::entity)
                .containsExactly("tel:+15550001");
        assertThat(info.user("tel:+15550004").orElseThrow().endpoints().get(0).status())
                .contains(EndpointStatus.PENDING);
    }

    @Test
    void thePartialRemovalFromTheReferenceSaysBootedByAlice() throws Exception {
        ConferenceInfo info = ConferenceInfo.parse(bytes("conference/cpm-partial-booted.xml"));

        assertThat(info.state()).isEqualTo(ElementState.PARTIAL);
        ConferenceUser user = info.users().get(0);
        assertThat(user.state()).isEqualTo(ElementState.PARTIAL);
        ConferenceEndpoint e = user.endpoints().get(0);
        assertThat(e.state()).as("state defaults to full (RFC 4575)").isEqualTo(ElementState.FULL);
        assertThat(e.disconnectionMethod()).contains(DisconnectionMethod.BOOTED);
        assertThat(e.disconnectionInfo().flatMap(ExecutionInfo::by)).contains("tel:+15550001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc4575-basic-full.xml", "rfc4575-rich-full.xml", "cpm-partial-booted.xml",
        "rcs-group-full.xml"})
    void everyVectorSurvivesParseWriteParse(String vector) throws Exception {
        ConferenceInfo parsed = ConferenceInfo.parse(bytes("conference/" + vector));

        assertThat(ConferenceInfo.parse(parsed.toXml())).isEqualTo(parsed);
    }

    @Test
    void theCfWritesAPartialRemovalNotify() {
        ConferenceEndpoint booted = ConferenceEndpoint.of("tel:+15550003", EndpointStatus.DISCONNECTED)
                .withDisconnection(DisconnectionMethod.BOOTED, new ExecutionInfo(
                        Optional.of(OffsetDateTime.parse("2025-06-10T09:20:00Z")), Optional.empty(),
                        Optional.of("tel:+15550001")));
        ConferenceUser user = ConferenceUser.of("tel:+15550003", Optional.empty(), List.of(booted))
                .withState(ElementState.PARTIAL);

        String xml = new String(ConferenceInfo.partial("sip:grp-42@cf.example.net", 7, List.of(user)).toXml(),
                StandardCharsets.UTF_8);

        assertThat(xml).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <conference-info xmlns="urn:ietf:params:xml:ns:conference-info" \
                entity="sip:grp-42@cf.example.net" state="partial" version="7">
                  <users>
                    <user entity="tel:+15550003" state="partial">
                      <endpoint entity="tel:+15550003" state="full">
                        <status>disconnected</status>
                        <disconnection-method>booted</disconnection-method>
                        <disconnection-info>
                          <when>2025-06-10T09:20:00.000Z</when>
                          <by>tel:+15550001</by>
                        </disconnection-info>
                      </endpoint>
                    </user>
                  </users>
                </conference-info>
                """);
    }

    @ParameterizedTest(name = "row {index}: {1}")
    @CsvSource(delimiter = '|', value = {
        "<conference-info xmlns='urn:ietf:params:xml:ns:conference-info' state='full'/>|MISSING_ELEMENT",
        "<conference-info xmlns='urn:ietf:params:xml:ns:conference-info' entity='c' state='half'/>|INVALID_VALUE",
        "<conference-info xmlns='urn:ietf:params:xml:ns:conference-info' entity='c' version='-1'/>|INVALID_VALUE",
        "<conference-info xmlns='urn:ietf:params:xml:ns:conference-info' entity='c' version='4294967296'/>|INVALID_VALUE",
        "<conference-info xmlns='urn:ietf:params:xml:ns:conference-info' entity='c'><users><user/></users></conference-info>|MISSING_ELEMENT",
        "<conference-info xmlns='urn:ietf:params:xml:ns:conference-info' entity='c'><users><user entity='u'><endpoint entity='e'><status>sleeping</status></endpoint></user></users></conference-info>|INVALID_VALUE",
        "<conference-info xmlns='urn:ietf:params:xml:ns:conference-info' entity='c'><users><user entity='u'><endpoint entity='e'><disconnection-method>vanished</disconnection-method></endpoint></user></users></conference-info>|INVALID_VALUE",
        "<conference-info xmlns='urn:ietf:params:xml:ns:conference-info' entity='c'><users><user entity='u'><endpoint entity='e'><joining-info><when>soon</when></joining-info></endpoint></user></users></conference-info>|INVALID_VALUE",
        "<conference-info xmlns='urn:ietf:params:xml:ns:conference-info' entity='c'><conference-state><active>yes</active></conference-state></conference-info>|INVALID_VALUE",
        "<conference-info xmlns='urn:ietf:params:xml:ns:conference-info' entity='c'><conference-state><user-count>many</user-count></conference-state></conference-info>|INVALID_VALUE",
        "<conference-info xmlns='urn:example:other' entity='c'/>|UNEXPECTED_ELEMENT",
        "<conference-info xmlns='urn:ietf:params:xml:ns:conference-info' entity='c'><users>|MALFORMED"})
    void aBadDocumentIsRefusedWithATypedReason(String xml, Reason reason) {
        Throwable thrown = catchThrowable(() -> ConferenceInfo.parse(xml.getBytes(StandardCharsets.UTF_8)));

        assertThat(thrown).isInstanceOf(XmlBodyException.class);
        assertThat(((XmlBodyException) thrown).reason()).isEqualTo(reason);
    }
}
