package org.opencpm.store.history;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One object of the CPM Message Storage as it is stored: RFC 5322-style headers (the common object
 * headers of reference §6.2) and a body, e.g. a {@code Message/CPIM} chat message, a Session Info
 * object, a Group State Object or a disposition notification. The same bytes go into an IMAP APPEND
 * and into the embedded store, so both stores hold the same thing.
 *
 * <p>Build one with {@link #builder()} (or {@link SessionInfo}, {@link GroupState}); read one back
 * with {@link #parse(byte[])}. Header values are single lines; the builder refuses CR or LF in them.
 *
 * @param headers header fields in order
 * @param body    the body bytes after the empty line (lines end in CRLF)
 */
public record StoredObject(List<Header> headers, byte[] body) {

    /** Header names of reference §6.2. */
    public static final String FROM = "From";
    public static final String TO = "To";
    public static final String DATE = "Date";
    public static final String SUBJECT = "Subject";
    public static final String CONVERSATION_ID = "Conversation-ID";
    public static final String CONTRIBUTION_ID = "Contribution-ID";
    public static final String IN_REPLY_TO_CONTRIBUTION_ID = "InReplyTo-Contribution-ID";
    public static final String IMDN_MESSAGE_ID = "IMDN-Message-ID";
    public static final String P_ASSERTED_SERVICE = "P-Asserted-Service";
    public static final String ACCEPT_CONTACT = "Accept-Contact";
    public static final String MESSAGE_CONTEXT = "Message-Context";
    public static final String MESSAGE_CORRELATOR = "Message-Correlator";
    public static final String MESSAGE_DIRECTION = "Message-Direction";
    public static final String CONTENT_TYPE = "Content-Type";

    /** {@code Content-Type} of chat messages and disposition notifications. */
    public static final String MESSAGE_CPIM = "Message/CPIM";

    /** RFC 5322 date-time, e.g. {@code Tue, 10 Jun 2025 09:12:44 +0000}. */
    public static final DateTimeFormatter DATE_FORMAT =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT);

    /** A header field. */
    public record Header(String name, String value) {
        public Header {
            if (name.isEmpty() || name.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f || c == ':')) {
                throw new IllegalArgumentException("bad header name '" + name + "'");
            }
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + name + " has a line break in its value");
            }
        }
    }

    /** Who sent the object, from the user's point of view ({@code Message-Direction}). */
    public enum Direction {
        SENT, RECEIVED;

        String token() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public StoredObject {
        headers = List.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The first value of header {@code name} (case-insensitive). */
    public Optional<String> header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    /** The {@code IMDN-Message-ID}, which identifies the object within its folder. */
    public Optional<String> imdnMessageId() {
        return header(IMDN_MESSAGE_ID);
    }

    /** The media type of the {@code Content-Type} header without parameters, lower-cased; "" if none. */
    public String mediaType() {
        String ct = header(CONTENT_TYPE).orElse("");
        int semi = ct.indexOf(';');
        return (semi >= 0 ? ct.substring(0, semi) : ct).trim().toLowerCase(Locale.ROOT);
    }

    /** The stored form: header lines, an empty line, the body; every header line ends in CRLF. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + body.length);
        for (Header h : headers) {
            out.writeBytes((h.name() + ": " + h.value() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(new byte[] {'\r', '\n'});
        out.writeBytes(body);
        return out.toByteArray();
    }

    /**
     * Reads the stored form back. Tolerates bare-LF line ends and folded header lines (RFC 5322
     * §2.2.3); a line that is neither a header nor a continuation ends the header block.
     */
    public static StoredObject parse(byte[] bytes) {
        List<Header> headers = new ArrayList<>();
        int i = 0;
        String pending = null;
        while (i < bytes.length) {
            int eol = indexOf(bytes, (byte) '\n', i);
            int lineEnd = eol < 0 ? bytes.length : eol;
            int contentEnd = lineEnd > i && bytes[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            String line = new String(bytes, i, contentEnd - i, StandardCharsets.UTF_8);
            int next = eol < 0 ? bytes.length : eol + 1;
            if (line.isEmpty()) {
                i = next;
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && pending != null) {
                pending = pending + " " + line.strip();
                i = next;
                continue;
            }
            if (line.indexOf(':') <= 0) {
                break;
            }
            if (pending != null) {
                headers.add(toHeader(pending));
            }
            pending = line;
            i = next;
        }
        if (pending != null) {
            headers.add(toHeader(pending));
        }
        return new StoredObject(headers, Arrays.copyOfRange(bytes, Math.min(i, bytes.length), bytes.length));
    }

    private static Header toHeader(String line) {
        int colon = line.indexOf(':');
        return new Header(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
    }

    private static int indexOf(byte[] b, byte v, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredObject s && headers.equals(s.headers) && Arrays.equals(body, s.body);
    }

    @Override
    public int hashCode() {
        return headers.hashCode() * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "StoredObject" + headers + " + " + body.length + " body bytes";
    }

    /**
     * Builds a stored object with the common headers of reference §6.2, written in the table's order
     * whatever order the setters are called in. {@code From}, {@code To}, {@code Date},
     * {@code Conversation-ID}, {@code IMDN-Message-ID} and {@code Content-Type} are mandatory.
     */
    public static final class Builder {
        private static final List<String> ORDER = List.of(FROM, TO, DATE, SUBJECT, CONVERSATION_ID, CONTRIBUTION_ID,
                IN_REPLY_TO_CONTRIBUTION_ID, IMDN_MESSAGE_ID, P_ASSERTED_SERVICE, ACCEPT_CONTACT, MESSAGE_CONTEXT,
                MESSAGE_CORRELATOR, MESSAGE_DIRECTION, CONTENT_TYPE);

        private final List<Header> headers = new ArrayList<>();
        private byte[] body = new byte[0];

        private Builder() {
        }

        public Builder from(String v) {
            return set(FROM, v);
        }

        public Builder to(String v) {
            return set(TO, v);
        }

        /** The SIP request's Date if it had one, else the recording time. */
        public Builder date(OffsetDateTime v) {
            return set(DATE, DATE_FORMAT.format(v));
        }

        public Builder subject(String v) {
            return set(SUBJECT, v);
        }

        public Builder conversationId(String v) {
            return set(CONVERSATION_ID, v);
        }

        public Builder contributionId(String v) {
            return set(CONTRIBUTION_ID, v);
        }

        public Builder inReplyToContributionId(String v) {
            return set(IN_REPLY_TO_CONTRIBUTION_ID, v);
        }

        /** The imdn.Message-ID, or one the storing entity generated for objects without one. */
        public Builder imdnMessageId(String v) {
            return set(IMDN_MESSAGE_ID, v);
        }

        public Builder pAssertedService(String v) {
            return set(P_ASSERTED_SERVICE, v);
        }

        /** Adds one copy of a SIP Accept-Contact value (the header may repeat). */
        public Builder addAcceptContact(String v) {
            headers.add(new Header(ACCEPT_CONTACT, v));
            return this;
        }

        public Builder messageContext(String v) {
            return set(MESSAGE_CONTEXT, v);
        }

        public Builder messageCorrelator(String v) {
            return set(MESSAGE_CORRELATOR, v);
        }

        public Builder direction(Direction d) {
            return set(MESSAGE_DIRECTION, d.token());
        }

        public Builder contentType(String v) {
            return set(CONTENT_TYPE, v);
        }

        /** Any other header, kept after the §6.2 ones. */
        public Builder header(String name, String value) {
            headers.add(new Header(name, value));
            return this;
        }

        public Builder body(byte[] v) {
            this.body = v.clone();
            return this;
        }

        public Builder body(String v) {
            return body(v.getBytes(StandardCharsets.UTF_8));
        }

        private Builder set(String name, String value) {
            headers.removeIf(h -> h.name().equals(name));
            headers.add(new Header(name, value));
            return this;
        }

        public StoredObject build() {
            for (String m : List.of(FROM, TO, DATE, CONVERSATION_ID, IMDN_MESSAGE_ID, CONTENT_TYPE)) {
                if (headers.stream().noneMatch(h -> h.name().equals(m))) {
                    throw new IllegalStateException("a stored object needs a " + m + " header (reference §6.2)");
                }
            }
            List<Header> ordered = new ArrayList<>(headers.size());
            for (String name : ORDER) {
                headers.stream().filter(h -> h.name().equals(name)).forEach(ordered::add);
            }
            headers.stream().filter(h -> !ORDER.contains(h.name())).forEach(ordered::add);
            return new StoredObject(ordered, body);
        }
    }
}
