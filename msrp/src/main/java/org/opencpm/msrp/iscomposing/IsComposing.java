package org.opencpm.msrp.iscomposing;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import org.opencpm.msrp.xml.SafeXml;
import org.opencpm.msrp.xml.XmlBodyException;
import org.opencpm.msrp.xml.XmlBodyException.Reason;
import org.opencpm.msrp.xml.XmlReader;
import org.opencpm.msrp.xml.XmlWriter;
import org.opencpm.msrp.xml.internal.DateTimes;

/**
 * An {@code application/im-iscomposing+xml} status message (RFC 3994): whether the peer is
 * composing a message, sent inside the chat session (MSRP) or as a SIP MESSAGE.
 *
 * <pre>
 * &lt;isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing"&gt;
 *   &lt;state&gt;active&lt;/state&gt;
 *   &lt;contenttype&gt;text/plain&lt;/contenttype&gt;
 *   &lt;refresh&gt;90&lt;/refresh&gt;
 * &lt;/isComposing&gt;
 * </pre>
 *
 * <p>Use {@link #active(Duration)} / {@link #idle(OffsetDateTime)} to build, {@link #toXml()} to
 * write and {@link #parse(byte[])} to read (through {@link SafeXml}; unknown extension elements
 * are skipped). The receiver of an {@code active} state falls back to idle when no refresh
 * arrives within {@link #refresh()} (RFC 3994 defines the default when it is absent); that timer
 * belongs to the session, not to this value. A CPM PF looks at these to apply PF-IMDN-T-07.
 *
 * @param state active or idle
 * @param lastActive when the composer was last active (usually sent with idle)
 * @param contentType the kind of content being composed, e.g. {@code text/plain} or {@code audio}
 * @param refresh how long the active state holds unless refreshed; whole seconds, positive
 */
public record IsComposing(State state, Optional<OffsetDateTime> lastActive, Optional<String> contentType,
        Optional<Duration> refresh) {

    /** The XML namespace. */
    public static final String NAMESPACE = "urn:ietf:params:xml:ns:im-iscomposing";
    /** The MIME type. */
    public static final String CONTENT_TYPE = "application/im-iscomposing+xml";

    /** The composing state. */
    public enum State {
        /** {@code active}: the user is composing. */
        ACTIVE("active"),
        /** {@code idle}: the user stopped composing (or never started). */
        IDLE("idle");

        private final String token;

        State(String token) {
            this.token = token;
        }

        /** The XML value. */
        public String token() {
            return token;
        }
    }

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the refresh is not a positive whole number of seconds
     */
    public IsComposing {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastActive, "lastActive");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(refresh, "refresh");
        refresh.ifPresent(r -> {
            if (r.isNegative() || r.isZero() || r.getNano() != 0) {
                throw new IllegalArgumentException("refresh must be a positive whole number of seconds: " + r);
            }
        });
    }

    /** {@code active} with {@code text/plain} and the given refresh. */
    public static IsComposing active(Duration refresh) {
        return new IsComposing(State.ACTIVE, Optional.empty(), Optional.of("text/plain"), Optional.of(refresh));
    }

    /** {@code idle} with the last activity time and {@code text/plain}. */
    public static IsComposing idle(OffsetDateTime lastActive) {
        return new IsComposing(State.IDLE, Optional.of(lastActive), Optional.of("text/plain"), Optional.empty());
    }

    /**
     * Parses a status message with the default {@link SafeXml} limits.
     *
     * @throws XmlBodyException for unsafe or malformed XML, another root, a missing or unknown
     *     state, or a bad lastactive or refresh value
     */
    public static IsComposing parse(byte[] xml) throws XmlBodyException {
        return parse(xml, SafeXml.defaults());
    }

    /** Parses a status message with the given limits. */
    public static IsComposing parse(byte[] body, SafeXml safeXml) throws XmlBodyException {
        XmlReader xml = safeXml.reader(body);
        xml.requireRoot(NAMESPACE, "isComposing");
        State state = null;
        Optional<OffsetDateTime> lastActive = Optional.empty();
        Optional<String> contentType = Optional.empty();
        Optional<Duration> refresh = Optional.empty();
        while (xml.nextChild()) {
            if (!xml.namespaceUri().equals(NAMESPACE)) {
                xml.skipElement();
                continue;
            }
            switch (xml.localName()) {
                case "state" -> state = state(xml, xml.trimmedText());
                case "lastactive" -> {
                    String text = xml.trimmedText();
                    lastActive = Optional.of(DateTimes.parse(text).orElseThrow(() ->
                            xml.error(Reason.INVALID_VALUE, "<lastactive> is not RFC 3339: '" + text + "'")));
                }
                case "contenttype" -> contentType = Optional.of(xml.trimmedText());
                case "refresh" -> refresh = Optional.of(refresh(xml, xml.trimmedText()));
                default -> xml.skipElement();
            }
        }
        xml.requireEndOfDocument();
        if (state == null) {
            throw xml.error(Reason.MISSING_ELEMENT, "<isComposing> lacks <state>");
        }
        return new IsComposing(state, lastActive, contentType, refresh);
    }

    /** The status message as UTF-8 XML, children in schema order. */
    public byte[] toXml() {
        XmlWriter w = new XmlWriter().start("isComposing").attribute("xmlns", NAMESPACE).element("state", state.token());
        lastActive.ifPresent(t -> w.element("lastactive", DateTimes.format(t)));
        contentType.ifPresent(t -> w.element("contenttype", t));
        refresh.ifPresent(r -> w.element("refresh", Long.toString(r.getSeconds())));
        return w.end().toBytes();
    }

    private static State state(XmlReader xml, String text) throws XmlBodyException {
        for (State s : State.values()) {
            if (s.token.equals(text)) {
                return s;
            }
        }
        throw xml.error(Reason.INVALID_VALUE, "<state> must be active or idle: '" + text + "'");
    }

    /** RFC 3994: {@code <xs:element name="refresh" type="xs:positiveInteger"/>}. */
    private static Duration refresh(XmlReader xml, String text) throws XmlBodyException {
        if (!text.isEmpty() && text.length() <= 9 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long seconds = Long.parseLong(text);
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        }
        throw xml.error(Reason.INVALID_VALUE, "<refresh> must be a positive integer: '" + text + "'");
    }
}
