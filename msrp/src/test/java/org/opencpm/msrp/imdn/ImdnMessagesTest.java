package org.opencpm.msrp.imdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.opencpm.msrp.xml.TestResources.bytes;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencpm.msrp.cpim.CpimAddress;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.msrp.cpim.DispositionRequest;
import org.opencpm.msrp.xml.SafeXml;
import org.opencpm.msrp.xml.XmlBodyException;

class ImdnMessagesTest {

    private static final CpimAddress ALICE = CpimAddress.of("sip:+15550001@ims.example.net");
    private static final CpimAddress BOB = CpimAddress.of("sip:+15550002@ims.example.net");
    private static final OffsetDateTime SENT = OffsetDateTime.parse("2025-06-10T09:12:58Z");
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2025-06-10T09:13:01Z");

    @Test
    void bobAnswersAlicesDisplayRequestWithTheCpimWrappedReadReportRcsClientsSend() throws Exception {
        CpimMessage request = CpimMessage.builder().from(ALICE).addTo(BOB).imdnMessageId("Mx8Qe2Lk1")
                .dateTime(SENT).dispositionNotification(DispositionRequest.DISPLAY).text("hi").build();
        ImdnDocument answer = ImdnDocument.answering(request, BOB.uri(),
                new DisplayNotification(DisplayNotification.Status.DISPLAYED));

        CpimMessage notification = ImdnMessages.notification(BOB, ALICE, "Zq71", NOW, answer);

        String wire = new String(notification.toBytes(), StandardCharsets.UTF_8);
        assertThat(wire).startsWith("""
                From: <sip:+15550002@ims.example.net>\r
                To: <sip:+15550001@ims.example.net>\r
                NS: imdn <urn:ietf:params:imdn>\r
                imdn.Message-ID: Zq71\r
                DateTime: 2025-06-10T09:13:01.000Z\r
                \r
                Content-Type: message/imdn+xml\r
                Content-Disposition: notification\r
                Content-Length:\s""");
        // RFC 5438: an IMDN never requests an IMDN itself.
        assertThat(wire).doesNotContain("Disposition-Notification");
        CpimMessage received = CpimMessage.parse(notification.toBytes());
        assertThat(ImdnMessages.isNotification(received)).isTrue();
        assertThat(ImdnMessages.documents(received)).containsExactly(answer);
        assertThat(answer.messageId()).isEqualTo("Mx8Qe2Lk1");
        assertThat(answer.dateTime()).isEqualTo(SENT);
        assertThat(answer.originalRecipientUri()).contains(BOB.uri());
    }

    @Test
    void theOriginalRecipientComesFromImdnOriginalToWhenAListExploderRewroteTo() {
        CpimMessage request = CpimMessage.builder().from(ALICE).addTo(BOB)
                .setExtensionHeader(CpimMessage.IMDN_NAMESPACE, "imdn", "Original-To", "<sip:group@cf.example.net>")
                .imdnMessageId("m1").dateTime(SENT).text("hi").build();

        ImdnDocument answer = ImdnDocument.answering(request, BOB.uri(),
                new DeliveryNotification(DeliveryNotification.Status.DELIVERED));

        assertThat(answer.originalRecipientUri()).contains("sip:group@cf.example.net");
    }

    @DisplayName("PF-IMDN-T-02 the message-id and disposition type come out of every kind of IMDN body")
    @ParameterizedTest(name = "{0}")
    @CsvSource({"rfc5438-delivered.xml,34jk324j,DELIVERY", "rfc5438-displayed.xml,34jk324j,DISPLAY",
        "rfc5438-processed.xml,34jk324j,PROCESSING", "cpm-interworking.xml,Mx8Qe2Lk1,INTERWORKING"})
    void theMessageIdAndDispositionTypeAreExtracted(String vector, String messageId, DispositionType type)
            throws Exception {
        ImdnDocument d = ImdnDocument.parse(bytes("imdn/" + vector));

        assertThat(d.messageId()).isEqualTo(messageId);
        assertThat(d.type()).isEqualTo(type);
    }

    @Test
    @DisplayName("PF-IMDN-OB-04 a notification on behalf of the served user says delivered or failed")
    void onBehalfNotificationsCarryDeliveredOrFailed() throws Exception {
        CpimMessage request = CpimMessage.builder().from(ALICE).addTo(BOB).imdnMessageId("m9").dateTime(SENT)
                .dispositionNotification(DispositionRequest.POSITIVE_DELIVERY, DispositionRequest.NEGATIVE_DELIVERY)
                .text("hi").build();

        for (DeliveryNotification.Status status : List.of(DeliveryNotification.Status.DELIVERED,
                DeliveryNotification.Status.FAILED)) {
            CpimMessage sent = ImdnMessages.notification(BOB, ALICE, "n-" + status, NOW,
                    ImdnDocument.answering(request, BOB.uri(), new DeliveryNotification(status)));
            assertThat(ImdnMessages.documents(CpimMessage.parse(sent.toBytes()))).singleElement()
                    .extracting(ImdnDocument::notification).isEqualTo(new DeliveryNotification(status));
        }
    }

    @Test
    void everyRequestTokenMapsToTheNotificationTypeThatAnswersIt() {
        assertThat(DispositionType.answering(DispositionRequest.POSITIVE_DELIVERY)).isEqualTo(DispositionType.DELIVERY);
        assertThat(DispositionType.answering(DispositionRequest.NEGATIVE_DELIVERY)).isEqualTo(DispositionType.DELIVERY);
        assertThat(DispositionType.answering(DispositionRequest.DISPLAY)).isEqualTo(DispositionType.DISPLAY);
        assertThat(DispositionType.answering(DispositionRequest.PROCESSING)).isEqualTo(DispositionType.PROCESSING);
        assertThat(DispositionType.answering(DispositionRequest.INTERWORKING)).isEqualTo(DispositionType.INTERWORKING);
    }

    @Test
    void answeringARequestWithoutMessageIdIsAProgrammingError() {
        CpimMessage request = CpimMessage.builder().from(ALICE).addTo(BOB).dateTime(SENT).text("hi").build();

        assertThat(catchThrowable(() -> ImdnDocument.answering(request, BOB.uri(),
                new DeliveryNotification(DeliveryNotification.Status.DELIVERED))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAggregatedMultipartBodyYieldsOneDocumentPerPartInOrder() throws Exception {
        List<ImdnDocument> docs = ImdnMessages.documents("multipart/mixed; boundary=\"imdn-boundary\"",
                bytes("imdn/aggregated-multipart.txt"), SafeXml.defaults());

        assertThat(docs).extracting(ImdnDocument::messageId).containsExactly("34jk324j", "34jk324k");
        assertThat(docs).extracting(ImdnDocument::type)
                .containsExactly(DispositionType.DELIVERY, DispositionType.DISPLAY);
    }

    @Test
    @DisplayName("PF-IMDN-TD-02 aggregated notifications survive the CPIM round trip")
    void aggregatedNotificationsSurviveTheCpimRoundTrip() throws Exception {
        List<ImdnDocument> docs = List.of(
                ImdnDocument.of("a", SENT, new DeliveryNotification(DeliveryNotification.Status.DELIVERED)),
                ImdnDocument.of("b", SENT, new DisplayNotification(DisplayNotification.Status.DISPLAYED)),
                ImdnDocument.of("c", SENT, new InterworkingNotification(InterworkingNotification.Status.LEGACY_MMS)));

        CpimMessage message = ImdnMessages.aggregated(BOB, ALICE, "agg-1", NOW, docs);
        CpimMessage received = CpimMessage.parse(message.toBytes());

        assertThat(received.mediaType()).contains("multipart/mixed");
        assertThat(ImdnMessages.isNotification(received)).isTrue();
        assertThat(ImdnMessages.documents(received)).isEqualTo(docs);
    }

    @Test
    void aMultipartWithoutCloseDelimiterIsRefused() {
        byte[] cut = new String(bytes("imdn/aggregated-multipart.txt"), StandardCharsets.UTF_8)
                .replace("--imdn-boundary--", "").getBytes(StandardCharsets.UTF_8);

        Throwable thrown = catchThrowable(() -> ImdnMessages.documents("multipart/mixed;boundary=imdn-boundary", cut,
                SafeXml.defaults()));

        assertThat(thrown).isInstanceOf(XmlBodyException.class);
        assertThat(((XmlBodyException) thrown).reason()).isEqualTo(XmlBodyException.Reason.MALFORMED);
    }

    @Test
    void aMultipartContentTypeWithoutBoundaryIsRefused() {
        Throwable thrown = catchThrowable(() -> ImdnMessages.documents("multipart/mixed",
                bytes("imdn/aggregated-multipart.txt"), SafeXml.defaults()));

        assertThat(thrown).isInstanceOf(XmlBodyException.class);
    }

    @Test
    void aChatMessageIsNotANotification() throws Exception {
        CpimMessage chat = CpimMessage.builder().from(ALICE).addTo(BOB).text("hi").build();

        assertThat(ImdnMessages.isNotification(chat)).isFalse();
        Throwable thrown = catchThrowable(() -> ImdnMessages.documents(chat));
        assertThat(thrown).isInstanceOf(XmlBodyException.class);
    }

    @Test
    void theRfc5438NotificationVectorCarriesTheDeliveredDocument() throws Exception {
        CpimMessage m = CpimMessage.parse(bytes("cpim/rfc5438-delivery-notification.txt"));

        assertThat(ImdnMessages.isNotification(m)).isTrue();
        assertThat(ImdnMessages.documents(m)).singleElement()
                .isEqualTo(ImdnDocument.parse(bytes("imdn/rfc5438-delivered.xml")));
    }
}
