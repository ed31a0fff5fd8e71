package org.opencpm.msrp.conference;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.opencpm.msrp.conference.internal.ConferenceInfoXml;
import org.opencpm.msrp.xml.SafeXml;
import org.opencpm.msrp.xml.XmlBodyException;

/**
 * An {@code application/conference-info+xml} document (RFC 4575), the body of a NOTIFY for the
 * {@code conference} event package the CF sends to group chat participants.
 *
 * <pre>
 * &lt;conference-info xmlns="urn:ietf:params:xml:ns:conference-info"
 *    entity="sip:grp-42@cf.example.net" state="partial" version="7"&gt;
 *  &lt;users&gt;
 *   &lt;user entity="tel:+15550003" state="partial"&gt;
 *    &lt;endpoint entity="tel:+15550003"&gt;&lt;status&gt;disconnected&lt;/status&gt;…
 * </pre>
 *
 * <p>The CF builds full documents for a new subscription and partial ones for changes, then
 * calls {@link #toXml()}. A subscriber calls {@link #parse(byte[])} (through {@link SafeXml};
 * unknown elements skipped, unknown enumeration values refused) and feeds the result to
 * {@link ConferenceInfoState}, which applies partial documents in version order. The modelled
 * subset is: description (display-text, subject, maximum-user-count), conference-state, users
 * with roles and endpoints (status, joining and disconnection method and info). host-info and
 * sidebars are skipped.
 *
 * @param entity the conference URI (the focus URI of the group session)
 * @param state full, partial or deleted (the conference ended)
 * @param version the document version, incremented by one per NOTIFY within a subscription
 * @param description the {@code <conference-description>}, if present
 * @param conferenceState the {@code <conference-state>}, if present
 * @param users the {@code <user>} elements, in document order
 */
public record ConferenceInfo(String entity, ElementState state, OptionalLong version,
        Optional<ConferenceDescription> description, Optional<ConferenceState> conferenceState,
        List<ConferenceUser> users) {

    /** The XML namespace. */
    public static final String NAMESPACE = "urn:ietf:params:xml:ns:conference-info";
    /** The MIME type. */
    public static final String CONTENT_TYPE = "application/conference-info+xml";

    /** Requires every component and copies the list. */
    public ConferenceInfo {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(conferenceState, "conferenceState");
        users = List.copyOf(users);
    }

    /** A full document with users only. */
    public static ConferenceInfo full(String entity, long version, List<ConferenceUser> users) {
        return new ConferenceInfo(entity, ElementState.FULL, OptionalLong.of(version), Optional.empty(),
                Optional.empty(), users);
    }

    /** A partial document carrying changed users only. */
    public static ConferenceInfo partial(String entity, long version, List<ConferenceUser> changedUsers) {
        return new ConferenceInfo(entity, ElementState.PARTIAL, OptionalLong.of(version), Optional.empty(),
                Optional.empty(), changedUsers);
    }

    /** A copy with a conference description. */
    public ConferenceInfo withDescription(ConferenceDescription newDescription) {
        return new ConferenceInfo(entity, state, version, Optional.of(newDescription), conferenceState, users);
    }

    /** A copy with a conference-state element. */
    public ConferenceInfo withConferenceState(ConferenceState newState) {
        return new ConferenceInfo(entity, state, version, description, Optional.of(newState), users);
    }

    /** The user with this entity, if present. */
    public Optional<ConferenceUser> user(String userEntity) {
        return users.stream().filter(u -> u.entity().equals(userEntity)).findFirst();
    }

    /**
     * Parses a document with the default {@link SafeXml} limits.
     *
     * @throws XmlBodyException for unsafe or malformed XML, another root, a missing entity, or a
     *     value outside the schema (state, version, status, methods, counts, booleans, times)
     */
    public static ConferenceInfo parse(byte[] xml) throws XmlBodyException {
        return parse(xml, SafeXml.defaults());
    }

    /** Parses a document with the given limits. */
    public static ConferenceInfo parse(byte[] xml, SafeXml safeXml) throws XmlBodyException {
        return ConferenceInfoXml.parse(safeXml.reader(xml));
    }

    /** The document as UTF-8 XML, children in schema order. */
    public byte[] toXml() {
        return ConferenceInfoXml.write(this);
    }
}
