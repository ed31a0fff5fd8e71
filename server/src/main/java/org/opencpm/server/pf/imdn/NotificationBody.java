package org.opencpm.server.pf.imdn;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opencpm.msrp.cpim.CpimAddress;
import org.opencpm.msrp.cpim.CpimMessage;
import org.opencpm.msrp.cpim.CpimParseException;
import org.opencpm.msrp.imdn.ImdnDocument;
import org.opencpm.msrp.imdn.ImdnMessages;
import org.opencpm.msrp.xml.XmlBodyException;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipUri;

/**
 * A disposition notification as it travels (reference.md §4.7, §7.2): a {@code message/cpim} body whose
 * content is one {@code message/imdn+xml} document, or several (aggregation, §7.4), in a SIP MESSAGE or an
 * MSRP SEND. Step 1 of §8.3.4 (PF-IMDN-T-02) reads the {@code <message-id>} and the disposition type of each
 * document from here.
 *
 * @param cpim      the CPIM message
 * @param documents the documents it carries, in order; never empty
 */
public record NotificationBody(CpimMessage cpim, List<ImdnDocument> documents) {

    static final String CPIM = "message/cpim";

    public NotificationBody {
        documents = List.copyOf(documents);
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("a notification carries at least one document");
        }
    }

    /** Why a body that claims to be a notification cannot be read; the text goes into a 400 reason phrase. */
    public static final class BadNotification extends Exception {
        private static final long serialVersionUID = 1L;

        BadNotification(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The notification a SIP MESSAGE carries, or empty when the MESSAGE is not a notification (no CPIM body,
     * a CPIM body that does not parse — the pager procedure answers that —, or content that is not marked as
     * a notification).
     *
     * @throws BadNotification for a CPIM notification whose IMDN documents cannot be read
     */
    public static Optional<NotificationBody> of(SipRequest message) throws BadNotification {
        String ct = message.contentType();
        if (ct == null || !ct.trim().toLowerCase(Locale.ROOT).startsWith(CPIM)) {
            return Optional.empty();
        }
        return of(message.body());
    }

    /** The notification in a CPIM body, or empty if the body is not CPIM or not a notification. */
    public static Optional<NotificationBody> of(byte[] cpimBody) throws BadNotification {
        CpimMessage cpim;
        try {
            cpim = CpimMessage.parse(cpimBody);
        } catch (CpimParseException e) {
            return Optional.empty();
        }
        if (!ImdnMessages.isNotification(cpim)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new NotificationBody(cpim, ImdnMessages.documents(cpim)));
        } catch (XmlBodyException e) {
            throw new BadNotification(e.getMessage(), e);
        }
    }

    /** Whether the body carries several documents (RFC 5438 aggregation). */
    public boolean aggregated() {
        return documents.size() > 1;
    }

    /**
     * The same notification carrying only {@code kept} (a subset of {@link #documents()}, in order): this
     * body when nothing was left out, else a new CPIM message with the same From, To, {@code imdn.Message-ID}
     * and DateTime, one document or an aggregation of several.
     */
    public NotificationBody only(List<ImdnDocument> kept) {
        if (kept.size() == documents.size()) {
            return this;
        }
        CpimAddress from = cpim.from().orElse(CpimAddress.ANONYMOUS);
        CpimAddress to = cpim.to().isEmpty() ? CpimAddress.ANONYMOUS : cpim.to().get(0);
        String id = cpim.imdnMessageId().orElse(kept.get(0).messageId() + "-n");
        OffsetDateTime at = cpim.dateTime().orElse(OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        CpimMessage rebuilt = kept.size() == 1 ? ImdnMessages.notification(from, to, id, at, kept.get(0))
                : ImdnMessages.aggregated(from, to, id, at, kept);
        return new NotificationBody(rebuilt, kept);
    }

    /**
     * The recipient whose disposition a document reports (part of the cache key, AMB-03): the document's
     * {@code <recipient-uri>}, else the CPIM From unless anonymous, else the SIP identity of the request
     * (P-Asserted-Identity, else From). Addresses are compared as AoRs.
     */
    public String recipientOf(ImdnDocument document, String sipIdentity) {
        Optional<String> cpimFrom = cpim.from().map(CpimAddress::uri)
                .filter(u -> !u.equalsIgnoreCase(CpimAddress.ANONYMOUS.uri()));
        return normalize(document.recipientUri().or(() -> cpimFrom).orElse(sipIdentity));
    }

    /** The asserted identity of a request: P-Asserted-Identity, else From (AMB-30). */
    public static String sipIdentity(SipRequest request) {
        String pai = request.header(HeaderNames.P_ASSERTED_IDENTITY);
        if (pai != null) {
            int lt = pai.indexOf('<');
            int gt = pai.indexOf('>', lt + 1);
            return normalize(lt >= 0 && gt > lt ? pai.substring(lt + 1, gt) : pai.trim());
        }
        return normalize(request.from().uri().toString());
    }

    /** An address as an AoR string when it is a SIP URI, else as written (lower-cased). */
    static String normalize(String uri) {
        try {
            return SipUri.parse(uri).aor().toString();
        } catch (RuntimeException e) {
            return uri.trim().toLowerCase(Locale.ROOT);
        }
    }
}
