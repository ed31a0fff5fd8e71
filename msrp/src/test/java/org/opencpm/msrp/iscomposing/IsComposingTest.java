package org.opencpm.msrp.iscomposing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.opencpm.msrp.xml.TestResources.bytes;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencpm.msrp.xml.XmlBodyException;
import org.opencpm.msrp.xml.XmlBodyException.Reason;

class IsComposingTest {

    @Test
    void theRfc3994ActiveExampleSaysTextIsBeingTypedWithA90SecondRefresh() throws Exception {
        IsComposing c = IsComposing.parse(bytes("iscomposing/rfc3994-active.xml"));

        assertThat(c).isEqualTo(new IsComposing(IsComposing.State.ACTIVE, Optional.empty(), Optional.of("text/plain"),
                Optional.of(Duration.ofSeconds(90))));
    }

    @Test
    void theRfc3994IdleExampleCarriesTheLastActiveTime() throws Exception {
        IsComposing c = IsComposing.parse(bytes("iscomposing/rfc3994-idle.xml"));

        assertThat(c.state()).isEqualTo(IsComposing.State.IDLE);
        assertThat(c.lastActive()).contains(OffsetDateTime.parse("2003-01-27T10:43:00Z"));
        assertThat(c.contentType()).contains("audio");
        assertThat(c.refresh()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc3994-active.xml", "rfc3994-idle.xml"})
    void bothExamplesSurviveParseWriteParse(String vector) throws Exception {
        IsComposing parsed = IsComposing.parse(bytes("iscomposing/" + vector));

        assertThat(IsComposing.parse(parsed.toXml())).isEqualTo(parsed);
    }

    @Test
    void anActiveIndicationIsWrittenInSchemaOrder() {
        assertThat(new String(IsComposing.active(Duration.ofSeconds(60)).toXml(), StandardCharsets.UTF_8))
                .isEqualTo("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing">
                          <state>active</state>
                          <contenttype>text/plain</contenttype>
                          <refresh>60</refresh>
                        </isComposing>
                        """);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "<isComposing xmlns='urn:ietf:params:xml:ns:im-iscomposing'/>|MISSING_ELEMENT",
        "<isComposing xmlns='urn:ietf:params:xml:ns:im-iscomposing'><state>typing</state></isComposing>|INVALID_VALUE",
        "<isComposing xmlns='urn:ietf:params:xml:ns:im-iscomposing'><state>active</state><refresh>0</refresh></isComposing>|INVALID_VALUE",
        "<isComposing xmlns='urn:ietf:params:xml:ns:im-iscomposing'><state>active</state><refresh>-5</refresh></isComposing>|INVALID_VALUE",
        "<isComposing xmlns='urn:ietf:params:xml:ns:im-iscomposing'><state>idle</state><lastactive>now</lastactive></isComposing>|INVALID_VALUE",
        "<isComposing xmlns='urn:example:wrong'><state>idle</state></isComposing>|UNEXPECTED_ELEMENT",
        "<isComposing xmlns='urn:ietf:params:xml:ns:im-iscomposing'><state>idle</state>|MALFORMED"})
    void aBadStatusMessageIsRefusedWithATypedReason(String xml, Reason reason) {
        Throwable thrown = catchThrowable(() -> IsComposing.parse(xml.getBytes(StandardCharsets.UTF_8)));

        assertThat(thrown).isInstanceOf(XmlBodyException.class);
        assertThat(((XmlBodyException) thrown).reason()).isEqualTo(reason);
    }

    @Test
    void aRefreshMustBeWholePositiveSeconds() {
        assertThatThrownBy(() -> IsComposing.active(Duration.ofMillis(1500))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IsComposing.active(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
