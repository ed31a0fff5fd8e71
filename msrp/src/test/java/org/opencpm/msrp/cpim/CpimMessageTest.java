package org.opencpm.msrp.cpim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.msrp.xml.TestResources.bytes;
import static org.opencpm.msrp.xml.TestResources.crlf;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CpimMessageTest {

    @Test
    void theRfc3862ExampleExposesEveryReservedHeader() throws Exception {
        CpimMessage m = CpimMessage.parse(bytes("cpim/rfc3862-example.txt"));

        assertThat(m.from()).contains(CpimAddress.of("MR SANDERS", "im:piglet@100akerwood.com"));
        assertThat(m.to()).containsExactly(CpimAddress.of("Depressed Donkey", "im:eeyore@100akerwood.com"));
        assertThat(m.dateTime()).contains(OffsetDateTime.parse("2000-12-13T13:40:00-08:00"));
        assertThat(m.subjects()).containsExactly(
                new CpimSubject("the weather will be fine today", Optional.empty()),
                new CpimSubject("beau temps prevu pour aujourd'hui", Optional.of("fr")));
        assertThat(m.namespaces()).containsEntry("MyFeatures", "mid:MessageFeatures@id.foo.com");
        assertThat(m.require()).containsExactly("MyFeatures.VitalMessageOption");
        assertThat(m.extensionHeader("mid:MessageFeatures@id.foo.com", "WackyMessageOption")).contains("Use-silly-font");
        assertThat(m.contentType()).contains("text/xml; charset=utf-8");
        assertThat(m.contentHeader("content-id")).contains("<1234567890@foo.com>");
        assertThat(m.contentAsText()).isEqualTo("<body>\r\nHere is the text of my message.\r\n</body>\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc3862-example.txt", "rfc5438-request.txt", "rfc5438-delivery-notification.txt",
        "rcs-group-chat-base64.txt", "rcs-one-to-one-lf-only.txt", "other-imdn-prefix.txt"})
    void everyVectorSurvivesParseSerializeParse(String vector) throws Exception {
        CpimMessage parsed = CpimMessage.parse(bytes("cpim/" + vector));

        byte[] written = parsed.toBytes();

        assertThat(CpimMessage.parse(written)).isEqualTo(parsed);
        assertThat(CpimMessage.parse(written).toBytes()).isEqualTo(written);
    }

    @Test
    void serializedMessagesUseCrlfOnlyEvenWhenTheInputUsedBareLf() throws Exception {
        CpimMessage m = CpimMessage.parse(bytes("cpim/rcs-one-to-one-lf-only.txt"));

        String written = new String(m.toBytes(), StandardCharsets.UTF_8);

        assertThat(written.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(written).startsWith("From: <sip:anonymous@anonymous.invalid>\r\n")
                .contains("\r\n\r\nContent-type: text/plain; charset=utf-8\r\nContent-Length: 5\r\n\r\nHello");
        assertThat(m.imdnMessageId()).contains("1443517760826");
        assertThat(m.dispositionNotification())
                .containsExactlyInAnyOrder(DispositionRequest.POSITIVE_DELIVERY, DispositionRequest.DISPLAY);
    }

    @Test
    void anRcsGroupChatMessageWithBase64ContentDecodesToTheSentText() throws Exception {
        CpimMessage m = CpimMessage.parse(bytes("cpim/rcs-group-chat-base64.txt"));

        assertThat(m.from()).contains(CpimAddress.of("sip:+15550002@ims.example.net"));
        assertThat(m.contentTransferEncoding()).contains("base64");
        assertThat(m.contentAsText()).isEqualTo("Héllo from the network ✓");
        assertThat(m.dispositionNotification())
                .containsExactlyInAnyOrder(DispositionRequest.DISPLAY, DispositionRequest.INTERWORKING);
    }

    @Test
    void imdnHeadersAreFoundThroughWhateverPrefixTheNsHeaderBinds() throws Exception {
        CpimMessage m = CpimMessage.parse(bytes("cpim/other-imdn-prefix.txt"));

        assertThat(m.prefixFor(CpimMessage.IMDN_NAMESPACE)).contains("d");
        assertThat(m.imdnMessageId()).contains("Zq71");
        assertThat(m.dispositionNotification()).containsExactly(DispositionRequest.NEGATIVE_DELIVERY);
    }

    @Test
    void imdnRoutingHeadersAreReadInOrderWhateverThePrefix() throws Exception {
        CpimMessage m = CpimMessage.parse(crlf("""
                From: <sip:+15550001@ims.example.net>
                To: <sip:+15550002@ims.example.net>
                NS: r <urn:ietf:params:imdn>
                r.Message-ID: g1
                r.IMDN-Record-Route: <sip:cf.example.net;lr>
                r.IMDN-Record-Route: <sip:pf.example.net;lr>
                r.Original-To: <sip:grp-42@cf.example.net>

                Content-Type: text/plain

                x"""));

        assertThat(m.imdnHeaders("IMDN-Record-Route"))
                .containsExactly("<sip:cf.example.net;lr>", "<sip:pf.example.net;lr>");
        assertThat(m.imdnHeaders("Original-To")).containsExactly("<sip:grp-42@cf.example.net>");
        assertThat(m.imdnHeaders("IMDN-Route")).isEmpty();
    }

    @Test
    void anImdnPrefixBoundToAnotherNamespaceIsNotTakenForImdn() throws Exception {
        CpimMessage m = CpimMessage.parse(crlf("""
                NS: imdn <urn:example:not-imdn>
                imdn.Message-ID: nope

                Content-Type: text/plain

                x"""));

        assertThat(m.imdnMessageId()).isEmpty();
    }

    @Test
    void anUnboundImdnPrefixIsToleratedAsTheImdnNamespace() throws Exception {
        CpimMessage m = CpimMessage.parse(crlf("""
                From: <sip:anonymous@anonymous.invalid>
                imdn.Message-ID: abc

                Content-Type: text/plain

                x"""));

        assertThat(m.imdnMessageId()).contains("abc");
    }

    @Test
    void theBuilderWritesAnRcsChatMessageWithNsBeforeTheImdnHeadersAndAByteContentLength() {
        CpimMessage m = CpimMessage.builder()
                .from(CpimAddress.ANONYMOUS)
                .addTo(CpimAddress.ANONYMOUS)
                .imdnMessageId("Mx8Qe2Lk1")
                .dateTime(OffsetDateTime.parse("2025-06-10T09:12:58Z"))
                .dispositionNotification(DispositionRequest.DISPLAY, DispositionRequest.POSITIVE_DELIVERY)
                .text("é")
                .build();

        assertThat(new String(m.toBytes(), StandardCharsets.UTF_8)).isEqualTo("""
                From: <sip:anonymous@anonymous.invalid>\r
                To: <sip:anonymous@anonymous.invalid>\r
                NS: imdn <urn:ietf:params:imdn>\r
                imdn.Message-ID: Mx8Qe2Lk1\r
                DateTime: 2025-06-10T09:12:58.000Z\r
                imdn.Disposition-Notification: positive-delivery, display\r
                \r
                Content-Type: text/plain;charset=UTF-8\r
                Content-Length: 2\r
                \r
                é""");
    }

    @Test
    void theBuilderReusesThePrefixAMessageAlreadyBindsToImdn() throws Exception {
        CpimMessage m = CpimMessage.parse(bytes("cpim/other-imdn-prefix.txt")).toBuilder()
                .imdnMessageId("new-id")
                .build();

        assertThat(m.headers(
                "NS")).containsExactly("d <urn:ietf:params:imdn>");
        assertThat(m.header("d.Message-ID")).contains("new-id");
        assertThat(m.imdnMessageId()).contains("new-id");
    }

    @Test
    void formalNamesThatAreNotTokensAreQuotedAndReadBack() throws Exception {
        CpimAddress address = CpimAddress.of("Winnie \"the\" Pooh, Esq.", "im:pooh@100akerwood.com");
        CpimMessage m = CpimMessage.builder().from(address).text("x").build();

        assertThat(m.header("From")).contains("\"Winnie \\\"the\\\" Pooh, Esq.\" <im:pooh@100akerwood.com>");
        assertThat(CpimMessage.parse(m.toBytes()).from()).contains(address);
    }

    @Test
    void surroundingWhitespaceInBuiltValuesIsDroppedSoTheMessageRoundTrips() throws Exception {
        CpimMessage m = CpimMessage.builder().addSubject("  spaced  ").contentHeader("X-Note", " a ").text("x").build();

        assertThat(m.header("Subject")).contains("spaced");
        assertThat(CpimMessage.parse(m.toBytes())).isEqualTo(m);
    }

    @Test
    void aSubjectLanguageParameterIsWrittenAfterTheColon() {
        CpimMessage m = CpimMessage.builder().addSubject("beau temps", "fr").text("x").build();

        assertThat(new String(m.toBytes(), StandardCharsets.UTF_8)).startsWith("Subject:;lang=fr beau temps\r\n");
    }

    @Test
    void bytesAfterTheDeclaredContentLengthAreNotContent() throws Exception {
        CpimMessage m = CpimMessage.parse(bytes("cpim/rfc5438-request.txt"));

        assertThat(m.contentAsText()).isEqualTo("Hello World");
    }

    @Test
    void aBodyEndingRightAfterTheCpimHeadersHasAnEmptyEntity() throws Exception {
        CpimMessage m = CpimMessage.parse(crlf("From: <sip:a@example.net>\n\n"));

        assertThat(m.contentHeaders()).isEmpty();
        assertThat(m.contentLength()).isZero();
    }

    @Test
    void foldedMimeHeadersOfTheEncapsulatedEntityAreUnfolded() throws Exception {
        CpimMessage m = CpimMessage.parse(crlf("""
                From: <sip:a@example.net>

                Content-Type: text/plain;
                 charset=utf-8

                x"""));

        assertThat(m.contentType()).contains("text/plain; charset=utf-8");
    }

    @Test
    void contentLengthCannotBeSetByHandBecauseItIsComputed() {
        assertThatThrownBy(() -> CpimMessage.builder().contentHeader("Content-Length", "3"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBuilderRefusesHeaderValuesThatWouldBreakTheLine() {
        assertThatThrownBy(() -> CpimMessage.builder().addHeader("Subject", "a\r\nFrom: <sip:evil@x>"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpimMessage.builder().addHeader("Bad Name", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpimMessage.builder().addHeader("From", "no uri here"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpimMessage.builder().addHeader("From", "<sip:a@x>").addHeader("From", "<sip:b@x>")
                .build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headerListsAreImmutable() throws Exception {
        CpimMessage m = CpimMessage.parse(bytes("cpim/rfc3862-example.txt"));

        assertThatThrownBy(() -> m.headers().add(CpimHeader.of("To", "<im:x@y>")))
                .isInstanceOf(UnsupportedOperationException.class);
        byte[] content = m.content();
        content[0] = 'X';
        assertThat(m.content()[0]).isEqualTo((byte) '<');
    }

    @Test
    void cpimHeaderParametersAreKeptInOrder() {
        CpimHeader h = new CpimHeader("Subject", Map.of("lang", "fr"), "x");

        assertThat(h.toString()).isEqualTo("Subject:;lang=fr x");
        assertThat(h.prefix()).isEmpty();
        assertThat(CpimHeader.of("imdn.Message-ID", "1").prefix()).contains("imdn");
        assertThat(CpimHeader.of("imdn.Message-ID", "1").localName()).isEqualTo("Message-ID");
        assertThat(List.of(DispositionRequest.values())).extracting(DispositionRequest::token).containsExactly(
                "positive-delivery", "negative-delivery", "display", "processing", "interworking");
    }
}
