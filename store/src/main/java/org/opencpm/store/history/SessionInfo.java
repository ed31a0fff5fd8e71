package org.opencpm.store.history;

import java.util.List;

/**
 * The Session Info object of a Session History folder (reference §6.3): what kind of session it was,
 * its SDP and whom it invited. The PF stores exactly one per session folder and writes its UID into
 * {@link MessageStore#SESSION_INFO_OBJECT_ID} (PF-O-INV-19, PF-T-INV-19); use
 * {@link MessageStore#storeSessionInfo} for both steps at once.
 *
 * <p>Two variants exist in deployed code: the bare {@code Application/X-CPM-Session} body (Orange
 * CMS) and the same body as the root of {@code multipart/related; boundary=cpm} (CPM 2.0 builders).
 *
 * @param sessionType         {@code 1-1}, {@code Ad-Hoc}, {@code Pre-Defined} or {@code Group}
 * @param sdp                 the session's SDP (or its origin line), one line or several
 * @param invitedParticipants the invited URIs, written {@code ;}-separated
 */
public record SessionInfo(String sessionType, String sdp, List<String> invitedParticipants, Variant variant) {

    public static final String CONTENT_TYPE = "Application/X-CPM-Session";

    /** How the XML body is packaged. */
    public enum Variant { BARE, MULTIPART_RELATED }

    public SessionInfo {
        invitedParticipants = List.copyOf(invitedParticipants);
    }

    /** The {@code <session>} document, CRLF line ends. */
    public String xml() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
                + "<session>\r\n"
                + " <session-type>" + Xml.text(sessionType) + "</session-type>\r\n"
                + " <sdp>" + Xml.text(sdp.strip()).replace("\r\n", "\n").replace("\n", "\r\n") + "</sdp>\r\n"
                + " <invited-participants>" + Xml.text(String.join(";", invitedParticipants))
                + "</invited-participants>\r\n"
                + "</session>\r\n";
    }

    /**
     * The stored object: {@code headers} holds the common headers (From, To, Date, Subject,
     * Conversation-ID, Contribution-ID, IMDN-Message-ID, direction); this sets Content-Type and body.
     */
    public StoredObject toObject(StoredObject.Builder headers) {
        if (variant == Variant.BARE) {
            return headers.contentType(CONTENT_TYPE).body(xml()).build();
        }
        return headers.contentType("multipart/related; boundary=cpm; type=\"" + CONTENT_TYPE + "\"")
                .body("--cpm\r\nContent-Type: " + CONTENT_TYPE + "\r\n\r\n" + xml() + "--cpm--\r\n")
                .build();
    }
}
