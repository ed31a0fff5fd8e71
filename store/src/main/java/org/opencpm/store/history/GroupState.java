package org.opencpm.store.history;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A Group State Object (reference §6.4): a snapshot of a group session's last focus URI and active
 * participants. Objects are immutable, so each update appends a new snapshot and the one with the
 * latest timestamp is the final state (PF-O-PIN-03, AMB-34); {@link MessageStore#storeGroupState}
 * appends one and points {@link MessageStore#GROUP_STATE_OBJECT_ID} at it.
 *
 * @param lastFocusSessionId the last valid group session identity (focus URI)
 * @param groupType          e.g. {@code Closed}; {@code null} leaves the attribute out
 */
public record GroupState(OffsetDateTime timestamp, String lastFocusSessionId, String groupType,
                         List<Participant> participants) {

    public static final String CONTENT_TYPE = "Application/group-state-object+xml";

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

    /** One active participant: display name (may be {@code null}) and communication address. */
    public record Participant(String name, String commAddr) {
    }

    public GroupState {
        participants = List.copyOf(participants);
    }

    /** The {@code <groupstate>} document, CRLF line ends. */
    public String xml() {
        StringBuilder b = new StringBuilder(256);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n")
                .append("<groupstate timestamp=\"").append(TIMESTAMP.format(timestamp)).append("\"\r\n")
                .append("            lastfocussessionid=\"").append(Xml.escape(lastFocusSessionId)).append('"');
        if (groupType != null) {
            b.append("\r\n            group-type=\"").append(Xml.escape(groupType)).append('"');
        }
        b.append(">\r\n");
        for (Participant p : participants) {
            b.append(" <participant");
            if (p.name() != null) {
                b.append(" name=\"").append(Xml.escape(p.name())).append('"');
            }
            b.append(" comm-addr=\"").append(Xml.escape(p.commAddr())).append("\"/>\r\n");
        }
        return b.append("</groupstate>\r\n").toString();
    }

    /** The stored object: {@code headers} holds the common headers; this sets Content-Type and body. */
    public StoredObject toObject(StoredObject.Builder headers) {
        return headers.contentType(CONTENT_TYPE).body(xml()).build();
    }
}
