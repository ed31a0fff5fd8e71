package org.opencpm.msrp.imdn.internal;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.opencpm.msrp.imdn.DeliveryNotification;
import org.opencpm.msrp.imdn.DisplayNotification;
import org.opencpm.msrp.imdn.ImdnDocument;
import org.opencpm.msrp.imdn.InterworkingNotification;
import org.opencpm.msrp.imdn.Notification;
import org.opencpm.msrp.imdn.ProcessingNotification;
import org.opencpm.msrp.xml.XmlBodyException;
import org.opencpm.msrp.xml.XmlBodyException.Reason;
import org.opencpm.msrp.xml.XmlReader;
import org.opencpm.msrp.xml.XmlWriter;
import org.opencpm.msrp.xml.internal.DateTimes;

/** Reads and writes the {@code <imdn>} element (RFC 5438 schema, plus the CPM extension). */
public final class ImdnXml {

    private static final String NS = ImdnDocument.NAMESPACE;
    private static final String CPM = ImdnDocument.CPM_IMDN_NAMESPACE;
    private static final String INTERWORKING = "interworking-notification";

    private ImdnXml() {
    }

    /** Parses the document the reader is opened on. */
    public static ImdnDocument parse(XmlReader xml) throws XmlBodyException {
        xml.requireRoot(NS, "imdn");
        String messageId = null;
        OffsetDateTime dateTime = null;
        Optional<String> recipient = Optional.empty();
        Optional<String> originalRecipient = Optional.empty();
        Optional<String> subject = Optional.empty();
        Notification notification = null;
        while (xml.nextChild()) {
            String name = xml.localName();
            Notification found = null;
            if (xml.namespaceUri().equals(NS)) {
                switch (name) {
                    case "message-id" -> messageId = xml.trimmedText();
                    case "datetime" -> {
                        String text = xml.trimmedText();
                        dateTime = DateTimes.parse(text).orElseThrow(
                                () -> xml.error(Reason.INVALID_VALUE, "<datetime> is not RFC 3339: '" + text + "'"));
                    }
                    case "recipient-uri" -> recipient = Optional.of(xml.trimmedText());
                    case "original-recipient-uri" -> originalRecipient = Optional.of(xml.trimmedText());
                    case "subject" -> subject = Optional.of(xml.text());
                    case "delivery-notification" -> found = new DeliveryNotification(
                            status(xml, name, DeliveryNotification.Status::fromElement));
                    case "display-notification" -> found = new DisplayNotification(
                            status(xml, name, DisplayNotification.Status::fromElement));
                    case "processing-notification" -> found = new ProcessingNotification(
                            status(xml, name, ProcessingNotification.Status::fromElement));
                    default -> xml.skipElement();
                }
            } else if (xml.is(CPM, INTERWORKING)) {
                found = new InterworkingNotification(status(xml, name, InterworkingNotification.Status::fromElement));
            } else {
                xml.skipElement();
            }
            if (found != null) {
                if (notification != null) {
                    // RFC 5438: the notification is an xs:choice, exactly one per <imdn>.
                    throw xml.error(Reason.UNEXPECTED_ELEMENT, "<imdn> carries more than one notification");
                }
                notification = found;
            }
        }
        xml.requireEndOfDocument();
        if (messageId == null || messageId.isEmpty()) {
            throw xml.error(Reason.MISSING_ELEMENT, "<imdn> lacks <message-id>");
        }
        if (dateTime == null) {
            throw xml.error(Reason.MISSING_ELEMENT, "<imdn> lacks <datetime>");
        }
        if (notification == null) {
            throw xml.error(Reason.MISSING_ELEMENT, "<imdn> carries no notification");
        }
        return new ImdnDocument(messageId, dateTime, recipient, originalRecipient, subject, notification);
    }

    /** Reads {@code <x-notification><status><value/></status></x-notification>}. */
    private static <S> S status(XmlReader xml, String notification, StatusLookup<S> lookup) throws XmlBodyException {
        S status = null;
        while (xml.nextChild()) {
            boolean statusElement = xml.localName().equals("status")
                    && (xml.namespaceUri().equals(NS) || xml.namespaceUri().equals(CPM));
            if (!statusElement) {
                xml.skipElement();
                continue;
            }
            while (xml.nextChild()) {
                Optional<S> value = lookup.fromElement(xml.localName());
                if (status == null && value.isPresent()) {
                    status = value.get();
                }
                xml.skipElement();
            }
        }
        if (status == null) {
            throw xml.error(Reason.INVALID_VALUE, "<" + notification + "> has no status it defines");
        }
        return status;
    }

    @FunctionalInterface
    private interface StatusLookup<S> {
        Optional<S> fromElement(String localName);
    }

    /** Writes the document in schema order. */
    public static byte[] write(ImdnDocument d) {
        Notification n = d.notification();
        boolean cpm = n instanceof InterworkingNotification;
        XmlWriter w = new XmlWriter().start("imdn").attribute("xmlns", NS);
        if (cpm) {
            w.attribute("xmlns:cpmimdn", CPM);
        }
        w.element("message-id", d.messageId()).element("datetime", DateTimes.format(d.dateTime()));
        d.recipientUri().ifPresent(uri -> w.element("recipient-uri", uri));
        d.originalRecipientUri().ifPresent(uri -> w.element("original-recipient-uri", uri));
        d.subject().ifPresent(text -> w.element("subject", text));
        String prefix = cpm ? "cpmimdn:" : "";
        String element;
        if (n instanceof DeliveryNotification) {
            element = "delivery-notification";
        } else if (n instanceof DisplayNotification) {
            element = "display-notification";
        } else if (n instanceof ProcessingNotification) {
            element = "processing-notification";
        } else {
            element = INTERWORKING;
        }
        w.start(prefix + element).start(prefix + "status").empty(prefix + n.statusElement()).end().end();
        return w.end().toBytes();
    }
}
