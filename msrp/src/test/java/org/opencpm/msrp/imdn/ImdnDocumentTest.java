package org.opencpm.msrp.imdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.opencpm.msrp.xml.TestResources.bytes;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencpm.msrp.xml.XmlBodyException;
import org.opencpm.msrp.xml.XmlBodyException.Reason;

class ImdnDocumentTest {

    private static final String OPEN = "<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\">";

    @Test
    void theRfc5438DeliveryExampleSaysDeliveredToBob() throws Exception {
        ImdnDocument d = ImdnDocument.parse(bytes("imdn/rfc5438-delivered.xml"));

        assertThat(d.messageId()).isEqualTo("34jk324j");
        assertThat(d.dateTime()).isEqualTo(OffsetDateTime.parse("2008-04-04T12:16:49-05:00"));
        assertThat(d.recipientUri()).contains("im:bob@example.com");
        assertThat(d.originalRecipientUri()).contains("im:bob@example.com");
        assertThat(d.type()).isEqualTo(DispositionType.DELIVERY);
        assertThat(d.notification()).isEqualTo(new DeliveryNotification(DeliveryNotification.Status.DELIVERED));
    }

    @Test
    void theRfc5438DisplayExampleIsAReadReport() throws Exception {
        ImdnDocument d = ImdnDocument.parse(bytes("imdn/rfc5438-displayed.xml"));

        assertThat(d.notification()).isEqualTo(new DisplayNotification(DisplayNotification.Status.DISPLAYED));
    }

    @Test
    void aProcessingNotificationCarriesStoredAndTheSubject() throws Exception {
        ImdnDocument d = ImdnDocument.parse(bytes("imdn/rfc5438-processed.xml"));

        assertThat(d.notification()).isEqualTo(new ProcessingNotification(ProcessingNotification.Status.STORED));
        assertThat(d.subject()).contains("Weekly report");
    }

    @Test
    void theCpmInterworkingNotificationSaysTheMessageWentOutAsSms() throws Exception {
        ImdnDocument d = ImdnDocument.parse(bytes("imdn/cpm-interworking.xml"));

        assertThat(d.type()).isEqualTo(DispositionType.INTERWORKING);
        assertThat(d.notification()).isEqualTo(new InterworkingNotification(InterworkingNotification.Status.LEGACY_SMS));
        assertThat(new String(d.toXml(), StandardCharsets.UTF_8))
                .contains("xmlns:cpmimdn=\"urn:oma:xml:cpm:imdn-extensions:1.0\"")
                .contains("<cpmimdn:interworking-notification>")
                .contains("<cpmimdn:legacy-sms/>");
    }

    @Test
    void unknownExtensionElementsAreSkippedAsTheSchemasAnyAllows() throws Exception {
        ImdnDocument d = ImdnDocument.parse(bytes("imdn/extension-elements.xml"));

        assertThat(d.messageId()).isEqualTo("ext-1");
        assertThat(d.dateTime()).isEqualTo(OffsetDateTime.parse("2025-06-10T09:12:58Z"));
        assertThat(d.notification()).isEqualTo(new DeliveryNotification(DeliveryNotification.Status.FAILED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc5438-delivered.xml", "rfc5438-displayed.xml", "rfc5438-processed.xml",
        "cpm-interworking.xml", "rcs-displayed.xml", "extension-elements.xml"})
    void everyVectorSurvivesParseWriteParse(String vector) throws Exception {
        ImdnDocument parsed = ImdnDocument.parse(bytes("imdn/" + vector));

        assertThat(ImdnDocument.parse(parsed.toXml())).isEqualTo(parsed);
    }

    @Test
    void theWriterPutsChildrenInSchemaOrder() {
        ImdnDocument d = ImdnDocument.of("Mx8Qe2Lk1", OffsetDateTime.parse("2025-06-10T09:12:58Z"),
                        new DisplayNotification(DisplayNotification.Status.DISPLAYED))
                .withSubject("hi").withOriginalRecipientUri("tel:+15550003").withRecipientUri("tel:+15550002");

        assertThat(new String(d.toXml(), StandardCharsets.UTF_8)).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <imdn xmlns="urn:ietf:params:xml:ns:imdn">
                  <message-id>Mx8Qe2Lk1</message-id>
                  <datetime>2025-06-10T09:12:58.000Z</datetime>
                  <recipient-uri>tel:+15550002</recipient-uri>
                  <original-recipient-uri>tel:+15550003</original-recipient-uri>
                  <subject>hi</subject>
                  <display-notification>
                    <status>
                      <displayed/>
                    </status>
                  </display-notification>
                </imdn>
                """);
    }

    @Test
    void everyStatusOfEveryNotificationRoundTrips() throws Exception {
        OffsetDateTime t = OffsetDateTime.parse("2025-06-10T09:12:58Z");
        for (DeliveryNotification.Status s : DeliveryNotification.Status.values()) {
            roundTrips(ImdnDocument.of("m", t, new DeliveryNotification(s)));
        }
        for (DisplayNotification.Status s : DisplayNotification.Status.values()) {
            roundTrips(ImdnDocument.of("m", t, new DisplayNotification(s)));
        }
        for (ProcessingNotification.Status s : ProcessingNotification.Status.values()) {
            roundTrips(ImdnDocument.of("m", t, new ProcessingNotification(s)));
        }
        for (InterworkingNotification.Status s : InterworkingNotification.Status.values()) {
            roundTrips(ImdnDocument.of("m", t, new InterworkingNotification(s)));
        }
    }

    private static void roundTrips(ImdnDocument d) throws XmlBodyException {
        assertThat(ImdnDocument.parse(d.toXml())).isEqualTo(d);
    }

    static Stream<Arguments> badDocuments() {
        String dt = "<datetime>2025-06-10T09:12:58Z</datetime>";
        String delivered = "<delivery-notification><status><delivered/></status></delivery-notification>";
        return Stream.of(
                Arguments.of("<imdn xmlns=\"urn:example:other\"/>", Reason.UNEXPECTED_ELEMENT),
                Arguments.of(OPEN + dt + delivered + "</imdn>", Reason.MISSING_ELEMENT),
                Arguments.of(OPEN + "<message-id>m</message-id>" + delivered + "</imdn>", Reason.MISSING_ELEMENT),
                Arguments.of(OPEN + "<message-id>m</message-id>" + dt + "</imdn>", Reason.MISSING_ELEMENT),
                Arguments.of(OPEN + "<message-id>m</message-id><datetime>noon</datetime>" + delivered + "</imdn>",
                        Reason.INVALID_VALUE),
                // <displayed/> is not a delivery status (RFC 5438 schema)
                Arguments.of(OPEN + "<message-id>m</message-id>" + dt
                        + "<delivery-notification><status><displayed/></status></delivery-notification></imdn>",
                        Reason.INVALID_VALUE),
                Arguments.of(OPEN + "<message-id>m</message-id>" + dt + delivered
                        + "<display-notification><status><displayed/></status></display-notification></imdn>",
                        Reason.UNEXPECTED_ELEMENT),
                Arguments.of(OPEN + "<message-id><b>m</b></message-id>" + dt + delivered + "</imdn>",
                        Reason.UNEXPECTED_ELEMENT),
                Arguments.of(OPEN + "<message-id>m</message-id>", Reason.MALFORMED),
                Arguments.of("<!DOCTYPE imdn [<!ENTITY e 'x'>]>" + OPEN + "<message-id>&e;</message-id></imdn>",
                        Reason.DOCTYPE_FORBIDDEN));
    }

    @ParameterizedTest(name = "row {index}: {1}")
    @MethodSource("badDocuments")
    void aBadDocumentIsRefusedWithATypedReason(String xml, Reason reason) {
        Throwable thrown = catchThrowable(() -> ImdnDocument.parse(xml.getBytes(StandardCharsets.UTF_8)));

        assertThat(thrown).isInstanceOf(XmlBodyException.class);
        assertThat(((XmlBodyException) thrown).reason()).isEqualTo(reason);
    }

    @Test
    void recordComponentsAreRequired() {
        assertThat(catchThrowable(() -> ImdnDocument.of(" ", OffsetDateTime.now(),
                new DisplayNotification(DisplayNotification.Status.DISPLAYED))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(catchThrowable(() -> new ImdnDocument("m", OffsetDateTime.now(), Optional.empty(),
                Optional.empty(), Optional.empty(), null))).isInstanceOf(NullPointerException.class);
    }
}
