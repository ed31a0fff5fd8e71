package org.opencpm.msrp.imdn;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import org.opencpm.msrp.cpim.CpimAddress;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.msrp.imdn.internal.ImdnXml;
import org.opencpm.msrp.xml.SafeXml;
import org.opencpm.msrp.xml.XmlBodyException;

/**
 * One {@code message/imdn+xml} document (RFC 5438): the disposition of one message,
 * identified by the {@code imdn.Message-ID} that message carried.
 *
 * <pre>
 * &lt;imdn xmlns="urn:ietf:params:xml:ns:imdn"&gt;
 *   &lt;message-id&gt;34jk324j&lt;/message-id&gt;
 *   &lt;datetime&gt;2008-04-04T12:16:49-05:00&lt;/datetime&gt;
 *   &lt;recipient-uri&gt;im:bob@example.com&lt;/recipient-uri&gt;
 *   &lt;original-recipient-uri&gt;im:bob@example.com&lt;/original-recipient-uri&gt;
 *   &lt;delivery-notification&gt;&lt;status&gt;&lt;delivered/&gt;&lt;/status&gt;&lt;/delivery-notification&gt;
 * &lt;/imdn&gt;
 * </pre>
 *
 * <p>{@link #parse(byte[])} reads through {@link SafeXml}; it accepts the OMA CPM
 * {@code <cpmimdn:interworking-notification>} (namespace {@value #CPM_IMDN_NAMESPACE}, its
 * {@code <status>} in either namespace), and skips unknown extension elements as RFC 5438's
 * schema ({@code <xs:any namespace="##other"/>}) allows. {@link #toXml()} writes UTF-8 with the
 * children in schema order. Several documents in one body (aggregation) are read and written by
 * {@link ImdnMessages}.
 *
 * @param messageId the {@code imdn.Message-ID} of the message this notification is about
 * @param dateTime the {@code DateTime} of that message, copied from the request: the time the
 *     message was sent, not the time of the notification (RFC 5438, paraphrased)
 * @param recipientUri the URI of the recipient that produced the notification
 * @param originalRecipientUri the recipient the sender addressed, before a list exploder rewrote it
 * @param subject the subject of the message, if the recipient copies it
 * @param notification the notification and its status
 */
public record ImdnDocument(String messageId, OffsetDateTime dateTime, Optional<String> recipientUri,
        Optional<String> originalRecipientUri, Optional<String> subject, Notification notification) {

    /** The RFC 5438 XML namespace of {@code <imdn>}. */
    public static final String NAMESPACE = "urn:ietf:params:xml:ns:imdn";
    /** The OMA CPM namespace of the interworking notification (reference §7.2–7.3). */
    public static final String CPM_IMDN_NAMESPACE = "urn:oma:xml:cpm:imdn-extensions:1.0";
    /** The MIME type of one document. */
    public static final String CONTENT_TYPE = "message/imdn+xml";

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the message-id is blank
     * @throws NullPointerException if a component is null
     */
    public ImdnDocument {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(dateTime, "dateTime");
        Objects.requireNonNull(recipientUri, "recipientUri");
        Objects.requireNonNull(originalRecipientUri, "originalRecipientUri");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(notification, "notification");
        if (messageId.isBlank()) {
            throw new IllegalArgumentException("message-id must not be blank");
        }
    }

    /** A document with only the mandatory children. */
    public static ImdnDocument of(String messageId, OffsetDateTime dateTime, Notification notification) {
        return new ImdnDocument(messageId, dateTime, Optional.empty(), Optional.empty(), Optional.empty(), notification);
    }

    /**
     * The document a recipient sends in answer to a message that requested notifications
     * (RFC 5438): same message-id and DateTime; recipient-uri is the answering recipient;
     * original-recipient-uri is the request's {@code imdn.Original-To} (when it is an address),
     * else its first {@code To}.
     *
     * @throws IllegalArgumentException if the request has no {@code imdn.Message-ID} or no DateTime
     */
    public static ImdnDocument answering(CpimMessage request, String recipientUri, Notification notification) {
        String id = request.imdnMessageId()
                .orElseThrow(() -> new IllegalArgumentException("the request has no imdn.Message-ID"));
        OffsetDateTime sent = request.dateTime()
                .orElseThrow(() -> new IllegalArgumentException("the request has no DateTime"));
        Optional<String> original = request.extensionHeader(CpimMessage.IMDN_NAMESPACE, "Original-To")
                .flatMap(ImdnDocument::uriOf)
                .or(() -> request.to().stream().findFirst().map(CpimAddress::uri));
        return new ImdnDocument(id, sent, Optional.of(recipientUri), original, Optional.empty(), notification);
    }

    /** An unchecked extension header value as an address URI; empty if it is not one. */
    private static Optional<String> uriOf(String headerValue) {
        try {
            return Optional.of(CpimAddress.parse(headerValue).uri());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The disposition type, for caching and suppression. */
    public DispositionType type() {
        return notification.type();
    }

    /** A copy with a recipient-uri. */
    public ImdnDocument withRecipientUri(String uri) {
        return new ImdnDocument(messageId, dateTime, Optional.of(uri), originalRecipientUri, subject, notification);
    }

    /** A copy with an original-recipient-uri. */
    public ImdnDocument withOriginalRecipientUri(String uri) {
        return new ImdnDocument(messageId, dateTime, recipientUri, Optional.of(uri), subject, notification);
    }

    /** A copy with a subject. */
    public ImdnDocument withSubject(String text) {
        return new ImdnDocument(messageId, dateTime, recipientUri, originalRecipientUri, Optional.of(text), notification);
    }

    /**
     * Parses one document with the default {@link SafeXml} limits.
     *
     * @throws XmlBodyException for unsafe or malformed XML, a root other than {@code <imdn>}, a
     *     missing message-id, datetime or notification, or an unknown status
     */
    public static ImdnDocument parse(byte[] xml) throws XmlBodyException {
        return parse(xml, SafeXml.defaults());
    }

    /** Parses one document with the given limits. */
    public static ImdnDocument parse(byte[] xml, SafeXml safeXml) throws XmlBodyException {
        return ImdnXml.parse(safeXml.reader(xml));
    }

    /** The document as UTF-8 XML. */
    public byte[] toXml() {
        return ImdnXml.write(this);
    }
}
