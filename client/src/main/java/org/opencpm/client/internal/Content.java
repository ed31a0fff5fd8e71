package org.opencpm.client.internal;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.opencpm.msrp.cpim.CpimAddress;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.msrp.cpim.CpimParseException;
import org.opencpm.msrp.cpim.DispositionRequest;
import org.opencpm.msrp.imdn.ImdnDocument;
import org.opencpm.msrp.imdn.ImdnMessages;
import org.opencpm.msrp.imdn.Notification;
import org.opencpm.msrp.xml.XmlBodyException;

/**
 * The CPIM bodies the client writes (reference §7.1, §8) and what it makes of the bodies it
 * receives, the same for MSRP SEND and SIP MESSAGE.
 */
final class Content {

    static final String CPIM = "message/cpim";

    private Content() {
    }

    /** What a received body is. */
    sealed interface Received {
    }

    /** A text message; {@code from} is the CPIM From unless it is anonymous. */
    record Text(String text, Optional<String> messageId, Optional<OffsetDateTime> dateTime, Optional<String> from,
                Set<DispositionRequest> requests, Optional<CpimMessage> cpim) implements Received {
    }

    /** One or more disposition notifications; {@code from} as for {@link Text}. */
    record Notifications(List<ImdnDocument> documents, Optional<String> from) implements Received {
    }

    /** Something the client cannot show (another content type, a bad body). */
    record Unusable(String reason) implements Received {
    }

    /** A chat message asking for positive-delivery and display notifications. */
    static CpimMessage chat(CpimAddress from, CpimAddress to, String messageId, OffsetDateTime now, String text) {
        return CpimMessage.builder()
                .from(from)
                .addTo(to)
                .imdnMessageId(messageId)
                .dateTime(now)
                .dispositionNotification(DispositionRequest.POSITIVE_DELIVERY, DispositionRequest.DISPLAY)
                .text(text)
                .build();
    }

    /** The notification a recipient sends for {@code request}; RFC 5438 copies its message-id and DateTime. */
    static CpimMessage notification(CpimAddress from, CpimAddress to, String notificationId, OffsetDateTime now,
                                    Text request, String recipientUri, Notification notification) {
        String id = request.messageId().orElseThrow();
        ImdnDocument doc = request.cpim().isPresent() && request.dateTime().isPresent()
                ? ImdnDocument.answering(request.cpim().get(), recipientUri, notification)
                : ImdnDocument.of(id, request.dateTime().orElse(now), notification).withRecipientUri(recipientUri);
        return ImdnMessages.notification(from, to, notificationId, now, doc);
    }

    /** Classifies a received body of {@code contentType}. */
    static Received classify(String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (type.equals("text/plain")) {
            return new Text(new String(body, StandardCharsets.UTF_8), Optional.empty(), Optional.empty(),
                    Optional.empty(), Set.of(), Optional.empty());
        }
        if (!type.equals(CPIM)) {
            return new Unusable("content type " + (type.isEmpty() ? "(none)" : type) + " not supported");
        }
        CpimMessage cpim;
        try {
            cpim = CpimMessage.parse(body);
        } catch (CpimParseException e) {
            return new Unusable("bad CPIM: " + e.getMessage());
        }
        Optional<String> from = cpim.from().map(CpimAddress::uri)
                .filter(u -> !u.equalsIgnoreCase(CpimAddress.ANONYMOUS.uri()));
        if (ImdnMessages.isNotification(cpim)) {
            try {
                return new Notifications(ImdnMessages.documents(cpim), from);
            } catch (XmlBodyException e) {
                return new Unusable("bad IMDN: " + e.getMessage());
            }
        }
        String media = cpim.mediaType().orElse("text/plain");
        if (!media.equals("text/plain")) {
            return new Unusable("CPIM content " + media + " not supported");
        }
        try {
            return new Text(cpim.contentAsText(), cpim.imdnMessageId(), cpim.dateTime(), from,
                    cpim.dispositionNotification(), Optional.of(cpim));
        } catch (CpimParseException e) {
            return new Unusable("bad CPIM content: " + e.getMessage());
        }
    }
}
