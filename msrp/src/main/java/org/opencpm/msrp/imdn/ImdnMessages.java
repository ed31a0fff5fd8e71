package org.opencpm.msrp.imdn;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opencpm.msrp.cpim.CpimAddress;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.msrp.cpim.CpimParseException;
import org.opencpm.msrp.cpim.MimeHeader;
import org.opencpm.msrp.imdn.internal.Multipart;
import org.opencpm.msrp.xml.SafeXml;
import org.opencpm.msrp.xml.XmlBodyException;

/**
 * Disposition notifications as they travel: a {@code message/cpim} body whose content is one
 * {@code message/imdn+xml} document, or several in a {@code multipart/mixed} (aggregation,
 * reference §7.4), marked {@code Content-Disposition: notification} (RFC 5438).
 *
 * <pre>
 * From: &lt;sip:+15550002@ims.example.net&gt;
 * To: &lt;sip:+15550001@ims.example.net&gt;
 * NS: imdn &lt;urn:ietf:params:imdn&gt;
 * imdn.Message-ID: Zq71
 * DateTime: 2025-06-10T09:13:01.000Z
 *
 * Content-Type: message/imdn+xml
 * Content-Disposition: notification
 * Content-Length: 214
 *
 * &lt;?xml version="1.0" encoding="UTF-8"?&gt;&lt;imdn …
 * </pre>
 *
 * <p>The same CPIM body goes into a SIP MESSAGE (pager mode) or an MSRP SEND (session mode). A
 * notification never carries {@code imdn.Disposition-Notification}: RFC 5438 forbids an IMDN to
 * request IMDNs (paraphrased), which would otherwise loop between two endpoints.
 */
public final class ImdnMessages {

    /** The boundary written by {@link #aggregated}. */
    public static final String AGGREGATION_BOUNDARY = "imdn-aggregation-boundary";

    private ImdnMessages() {
    }

    /**
     * The CPIM message carrying one notification, as RCS clients send it.
     *
     * @param from the notifying recipient (or anonymous inside a 1-1 MSRP session)
     * @param to the original sender
     * @param notificationMessageId a fresh {@code imdn.Message-ID} for the notification itself
     * @param now the notification's {@code DateTime}
     * @param document the notification
     */
    public static CpimMessage notification(CpimAddress from, CpimAddress to, String notificationMessageId,
            OffsetDateTime now, ImdnDocument document) {
        return envelope(from, to, notificationMessageId, now)
                .contentType(ImdnDocument.CONTENT_TYPE)
                .contentHeader("Content-Disposition", "notification")
                .content(document.toXml())
                .build();
    }

    /**
     * The CPIM message carrying several notifications in one {@code multipart/mixed} content,
     * each part {@code message/imdn+xml} with {@code Content-Disposition: notification}.
     *
     * @throws IllegalArgumentException if {@code documents} is empty
     */
    public static CpimMessage aggregated(CpimAddress from, CpimAddress to, String notificationMessageId,
            OffsetDateTime now, List<ImdnDocument> documents) {
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("nothing to aggregate");
        }
        List<Multipart.Part> parts = new ArrayList<>();
        for (ImdnDocument d : documents) {
            parts.add(new Multipart.Part(List.of(new MimeHeader("Content-Type", ImdnDocument.CONTENT_TYPE),
                    new MimeHeader("Content-Disposition", "notification")), d.toXml()));
        }
        return envelope(from, to, notificationMessageId, now)
                .contentType("multipart/mixed;boundary=" + AGGREGATION_BOUNDARY)
                .contentHeader("Content-Disposition", "notification")
                .content(Multipart.write(AGGREGATION_BOUNDARY, parts))
                .build();
    }

    /**
     * Whether a CPIM message is a disposition notification: its content is
     * {@code message/imdn+xml}, or it is marked {@code Content-Disposition: notification}.
     */
    public static boolean isNotification(CpimMessage message) {
        boolean imdnType = message.mediaType().map(ImdnDocument.CONTENT_TYPE::equals).orElse(false);
        boolean disposition = message.contentHeader("Content-Disposition")
                .map(v -> v.strip().toLowerCase(Locale.ROOT).startsWith("notification")).orElse(false);
        return imdnType || disposition;
    }

    /** The documents a notification carries, with the default {@link SafeXml} limits. */
    public static List<ImdnDocument> documents(CpimMessage message) throws XmlBodyException {
        return documents(message, SafeXml.defaults());
    }

    /**
     * The documents a notification carries: one for {@code message/imdn+xml}, one per
     * {@code message/imdn+xml} part for a multipart content (other parts are skipped).
     *
     * @throws XmlBodyException for any bad document, a bad multipart, undecodable transfer
     *     encoding, or a content type that is neither
     */
    public static List<ImdnDocument> documents(CpimMessage message, SafeXml safeXml) throws XmlBodyException {
        byte[] content;
        try {
            content = message.decodedContent();
        } catch (CpimParseException e) {
            throw new XmlBodyException(XmlBodyException.Reason.MALFORMED, e.getMessage(), -1, -1, e);
        }
        return documents(message.contentType().orElse(""), content, safeXml);
    }

    /** The documents in a body of the given Content-Type (e.g. a SIP MESSAGE body without CPIM). */
    public static List<ImdnDocument> documents(String contentType, byte[] body, SafeXml safeXml)
            throws XmlBodyException {
        String media = mediaType(contentType);
        if (media.equals(ImdnDocument.CONTENT_TYPE)) {
            return List.of(ImdnDocument.parse(body, safeXml));
        }
        if (!media.startsWith("multipart/")) {
            throw new XmlBodyException(XmlBodyException.Reason.UNEXPECTED_ELEMENT,
                    "content type '" + contentType + "' carries no IMDN");
        }
        List<ImdnDocument> documents = new ArrayList<>();
        for (Multipart.Part part : Multipart.split(body, Multipart.boundary(contentType))) {
            if (mediaType(part.header("Content-Type").orElse("")).equals(ImdnDocument.CONTENT_TYPE)) {
                documents.add(ImdnDocument.parse(part.body(), safeXml));
            }
        }
        if (documents.isEmpty()) {
            throw new XmlBodyException(XmlBodyException.Reason.MISSING_ELEMENT, "multipart body holds no IMDN part");
        }
        return List.copyOf(documents);
    }

    private static CpimMessage.Builder envelope(CpimAddress from, CpimAddress to, String id, OffsetDateTime now) {
        return CpimMessage.builder().from(from).addTo(to).imdnMessageId(id).dateTime(now);
    }

    private static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }
}
