package org.opencpm.msrp.cpim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.opencpm.msrp.cpim.internal.CpimGrammar;
import org.opencpm.msrp.cpim.internal.CpimParser;
import org.opencpm.msrp.cpim.internal.ReservedHeaders;
import org.opencpm.msrp.xml.internal.DateTimes;

/**
 * An immutable {@code message/cpim} body (RFC 3862): CPIM message headers, then the encapsulated
 * MIME headers and content, as carried in an MSRP SEND or a pager-mode SIP MESSAGE.
 *
 * <pre>
 * From: &lt;sip:anonymous@anonymous.invalid&gt;
 * To: &lt;sip:anonymous@anonymous.invalid&gt;
 * NS: imdn &lt;urn:ietf:params:imdn&gt;
 * imdn.Message-ID: Mx8Qe2Lk1
 * DateTime: 2025-06-10T09:12:58.000Z
 * imdn.Disposition-Notification: positive-delivery, display
 *
 * Content-Type: text/plain; charset=utf-8
 * Content-Length: 5
 *
 * Hello
 * </pre>
 *
 * <p><b>Reading.</b> {@link #parse(byte[])} takes the body bytes (what follows the outer
 * {@code Content-Type: message/cpim} headers) and throws {@link CpimParseException}, with a reason
 * and a byte offset, for anything it cannot use. It tolerates bare LF line ends, a missing space
 * after the colon, folded encapsulated MIME headers, bytes after the declared Content-Length (a
 * stray CRLF), a missing Content-Length (the content runs to the end), and a bare URI without
 * angle brackets in From/To/cc. Typed
 * accessors ({@link #from()}, {@link #dateTime()}, {@link #imdnMessageId()} …) read the header
 * list, which keeps every header in its original order.
 *
 * <p><b>Namespaces.</b> Extension headers are {@code prefix.Name}; the prefix is bound to a URI by
 * an {@code NS} header. {@link #extensionHeader(String, String)} and the IMDN accessors look
 * headers up by namespace URI, so a message that binds {@code urn:ietf:params:imdn} to another
 * prefix ({@code NS: d <urn:ietf:params:imdn>}, {@code d.Message-ID: …}) reads the same. As a
 * tolerance, the prefix {@code imdn} left unbound is taken to mean {@link #IMDN_NAMESPACE}. NS
 * bindings apply to the whole header block, wherever they appear in it. Header names are matched
 * exactly first, then ignoring case; reserved headers are checked whatever their case.
 *
 * <p><b>Writing.</b> {@link #builder()} / {@link #toBuilder()} make messages; {@link #toBytes()}
 * writes CRLF line ends and a {@code Content-Length} computed from the content bytes, whatever
 * the input had.
 *
 * <p><b>Limits.</b> The whole body is held in memory; its size is bounded by the transport
 * (MSRP chunk and message limits, SIP body limit), not here. Equality compares headers, content
 * headers and content bytes.
 */
public final class CpimMessage {

    /** The RFC 5438 namespace of the {@code imdn.*} CPIM headers. */
    public static final String IMDN_NAMESPACE = "urn:ietf:params:imdn";
    /** The RFC 3862 namespace of the reserved headers. */
    public static final String CPIM_NAMESPACE = "urn:ietf:params:cpim-headers:";

    private final List<CpimHeader> headers;
    private final List<MimeHeader> contentHeaders;
    private final byte[] content;
    private final Map<String, String> namespaces;

    private CpimMessage(List<CpimHeader> headers, List<MimeHeader> contentHeaders, byte[] content) {
        this.headers = List.copyOf(headers);
        this.contentHeaders = List.copyOf(contentHeaders);
        this.content = content;
        Map<String, String> ns = new LinkedHashMap<>();
        for (CpimHeader h : this.headers) {
            if (ReservedHeaders.is(h, "NS")) {
                String[] binding = CpimGrammar.parseNamespace(h.value());
                ns.put(binding[0], binding[1]);
            }
        }
        this.namespaces = Collections.unmodifiableMap(ns);
    }

    /**
     * Parses a {@code message/cpim} body.
     *
     * @throws CpimParseException if the body breaks RFC 3862 in a way the parser does not tolerate
     */
    public static CpimMessage parse(byte[] body) throws CpimParseException {
        CpimParser.Parts parts = CpimParser.parse(body);
        return new CpimMessage(parts.headers(), parts.contentHeaders(), parts.content());
    }

    /** A builder for a new message. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised with this message's headers and content. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.headers.addAll(headers);
        b.contentHeaders.addAll(contentHeaders);
        b.content = content;
        return b;
    }

    // ---- CPIM headers ----

    /** Every CPIM header, in order. */
    public List<CpimHeader> headers() {
        return headers;
    }

    /** The value of the first header with this exact name (then ignoring case). */
    public Optional<String> header(String name) {
        return first(name).map(CpimHeader::value);
    }

    /** The values of every header with this name, in order. */
    public List<String> headers(String name) {
        List<String> values = new ArrayList<>();
        for (CpimHeader h : headers) {
            if (h.name().equals(name)) {
                values.add(h.value());
            }
        }
        if (values.isEmpty()) {
            for (CpimHeader h : headers) {
                if (h.name().equalsIgnoreCase(name)) {
                    values.add(h.value());
                }
            }
        }
        return values;
    }

    /** The {@code From} address. */
    public Optional<CpimAddress> from() {
        return header("From").map(CpimAddress::parse);
    }

    /** The {@code To} addresses, in order. */
    public List<CpimAddress> to() {
        return headers("To").stream().map(CpimAddress::parse).toList();
    }

    /** The {@code cc} addresses, in order. */
    public List<CpimAddress> cc() {
        return headers("cc").stream().map(CpimAddress::parse).toList();
    }

    /** The {@code DateTime}, with the sender's offset. */
    public Optional<OffsetDateTime> dateTime() {
        return header("DateTime").flatMap(DateTimes::parse);
    }

    /** The {@code Subject} headers, one per language. */
    public List<CpimSubject> subjects() {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase("Subject"))
                .map(h -> new CpimSubject(h.value(), Optional.ofNullable(h.parameters().get("lang"))))
                .toList();
    }

    /** The {@code Require} header names, split on commas. */
    public List<String> require() {
        List<String> names = new ArrayList<>();
        for (String value : headers("Require")) {
            for (String token : value.split(",")) {
                if (!token.isBlank()) {
                    names.add(token.strip());
                }
            }
        }
        return names;
    }

    /** The {@code NS} bindings, prefix to URI; the default namespace has prefix {@code ""}. */
    public Map<String, String> namespaces() {
        return namespaces;
    }

    /** The prefix this message binds to a namespace URI, if any. */
    public Optional<String> prefixFor(String namespaceUri) {
        for (Map.Entry<String, String> e : namespaces.entrySet()) {
            if (e.getValue().equals(namespaceUri) && !e.getKey().isEmpty()) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /**
     * The first extension header whose prefix resolves to {@code namespaceUri} and whose name is
     * {@code localName}, e.g. {@code extensionHeader(IMDN_NAMESPACE, "Message-ID")}.
     */
    public Optional<String> extensionHeader(String namespaceUri, String localName) {
        Optional<CpimHeader> exact = headers.stream()
                .filter(h -> inNamespace(h, namespaceUri) && h.localName().equals(localName)).findFirst();
        if (exact.isPresent()) {
            return exact.map(CpimHeader::value);
        }
        return headers.stream().filter(h -> inNamespace(h, namespaceUri) && h.localName().equalsIgnoreCase(localName))
                .findFirst().map(CpimHeader::value);
    }

    /**
     * The values of every header in the IMDN namespace with this local name, in order, e.g.
     * {@code imdnHeaders("IMDN-Record-Route")} or {@code imdnHeaders("Original-To")} (RFC 5438).
     */
    public List<String> imdnHeaders(String localName) {
        return headers.stream()
                .filter(h -> inNamespace(h, IMDN_NAMESPACE) && h.localName().equalsIgnoreCase(localName))
                .map(CpimHeader::value).toList();
    }

    /** The {@code imdn.Message-ID} (RFC 5438), whatever prefix the message uses; empty if blank. */
    public Optional<String> imdnMessageId() {
        return extensionHeader(IMDN_NAMESPACE, "Message-ID").filter(id -> !id.isBlank());
    }

    /**
     * The dispositions requested by {@code imdn.Disposition-Notification} (RFC 5438); empty
     * when the header is absent. Unknown tokens are ignored; read the raw header with
     * {@link #extensionHeader(String, String)} to see them.
     */
    public Set<DispositionRequest> dispositionNotification() {
        Set<DispositionRequest> requests = EnumSet.noneOf(DispositionRequest.class);
        extensionHeader(IMDN_NAMESPACE, "Disposition-Notification").ifPresent(value -> {
            for (String token : value.split(",")) {
                DispositionRequest.fromToken(token).ifPresent(requests::add);
            }
        });
        return Collections.unmodifiableSet(requests);
    }

    private boolean inNamespace(CpimHeader h, String namespaceUri) {
        Optional<String> prefix = h.prefix();
        if (prefix.isEmpty()) {
            return false;
        }
        String bound = namespaces.get(prefix.get());
        if (bound == null && prefix.get().equals("imdn")) {
            bound = IMDN_NAMESPACE;
        }
        return namespaceUri.equals(bound);
    }

    private Optional<CpimHeader> first(String name) {
        Optional<CpimHeader> exact = headers.stream().filter(h -> h.name().equals(name)).findFirst();
        return exact.isPresent() ? exact : headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).findFirst();
    }

    // ---- encapsulated MIME entity ----

    /** The encapsulated MIME headers, in order, without {@code Content-Length}. */
    public List<MimeHeader> contentHeaders() {
        return contentHeaders;
    }

    /** The value of an encapsulated MIME header, ignoring case of the name. */
    public Optional<String> contentHeader(String name) {
        return contentHeaders.stream().filter(h -> h.is(name)).findFirst().map(MimeHeader::value);
    }

    /** The encapsulated {@code Content-Type}, e.g. {@code text/plain; charset=utf-8}. */
    public Optional<String> contentType() {
        return contentHeader("Content-Type");
    }

    /** The media type of the content without parameters, lower-cased, e.g. {@code message/imdn+xml}. */
    public Optional<String> mediaType() {
        return contentType().map(t -> {
            int semi = t.indexOf(';');
            return (semi < 0 ? t : t.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        });
    }

    /** The encapsulated {@code Content-Transfer-Encoding}, if any. */
    public Optional<String> contentTransferEncoding() {
        return contentHeader("Content-Transfer-Encoding");
    }

    /** The content bytes as carried (still transfer-encoded); a copy. */
    public byte[] content() {
        return content.clone();
    }

    /** The length in bytes of the content as carried, which {@link #toBytes()} writes as Content-Length. */
    public int contentLength() {
        return content.length;
    }

    /**
     * The content with its {@code Content-Transfer-Encoding} undone: base64 is decoded (MIME line
     * breaks allowed); 7bit, 8bit, binary and no header return the bytes as they are.
     *
     * @throws CpimParseException {@code INVALID_TRANSFER_ENCODING} for bad base64 or an encoding
     *     this class does not decode (quoted-printable)
     */
    public byte[] decodedContent() throws CpimParseException {
        String cte = contentTransferEncoding().map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse("binary");
        switch (cte) {
            case "base64":
                try {
                    return Base64.getMimeDecoder().decode(content);
                } catch (IllegalArgumentException e) {
                    throw new CpimParseException(CpimParseException.Reason.INVALID_TRANSFER_ENCODING,
                            "content is not base64: " + e.getMessage(), -1);
                }
            case "7bit", "8bit", "binary":
                return content.clone();
            default:
                throw new CpimParseException(CpimParseException.Reason.INVALID_TRANSFER_ENCODING,
                        "unsupported Content-Transfer-Encoding: " + cte, -1);
        }
    }

    /**
     * The decoded content as text, in the {@code charset} of the Content-Type (UTF-8 when absent
     * or unknown). Malformed bytes become U+FFFD.
     */
    public String contentAsText() throws CpimParseException {
        return new String(decodedContent(), charset());
    }

    private Charset charset() {
        String type = contentType().orElse("");
        for (String param : type.split(";")) {
            String p = param.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).replace("\"", "").strip();
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    // ---- serialization ----

    /**
     * The body bytes: CPIM headers, empty line, encapsulated headers with a computed
     * {@code Content-Length}, empty line, content. Every line ends with CRLF.
     */
    public byte[] toBytes() {
        StringBuilder head = new StringBuilder(256);
        for (CpimHeader h : headers) {
            head.append(h).append("\r\n");
        }
        head.append("\r\n");
        for (MimeHeader h : contentHeaders) {
            head.append(h).append("\r\n");
        }
        head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + content.length + 16);
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        return out.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpimMessage m && headers.equals(m.headers) && contentHeaders.equals(m.contentHeaders)
                && Arrays.equals(content, m.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(headers, contentHeaders, Arrays.hashCode(content));
    }

    /** The serialized form with the content summarised, for logs. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("CpimMessage[");
        headers.forEach(h -> s.append(h).append("; "));
        contentHeaders.forEach(h -> s.append(h).append("; "));
        return s.append(content.length).append(" bytes]").toString();
    }

    /**
     * Builds a {@link CpimMessage}. Headers are written in the order they are added; setters
     * ({@code from}, {@code dateTime}, {@code imdnMessageId} …) replace an existing header in place.
     * Invalid names or values throw {@link IllegalArgumentException} at the call.
     *
     * <pre>{@code
     * CpimMessage m = CpimMessage.builder()
     *         .from(CpimAddress.ANONYMOUS).addTo(CpimAddress.ANONYMOUS)
     *         .imdnMessageId("Mx8Qe2Lk1")
     *         .dateTime(OffsetDateTime.parse("2025-06-10T09:12:58Z"))
     *         .dispositionNotification(DispositionRequest.POSITIVE_DELIVERY, DispositionRequest.DISPLAY)
     *         .text("Hello")
     *         .build();
     * }</pre>
     */
    public static final class Builder {

        private final List<CpimHeader> headers = new ArrayList<>();
        private final List<MimeHeader> contentHeaders = new ArrayList<>();
        private byte[] content = new byte[0];

        private Builder() {
        }

        /** Sets {@code From}. */
        public Builder from(CpimAddress from) {
            return setHeader("From", from.toString());
        }

        /** Adds a {@code To}. */
        public Builder addTo(CpimAddress to) {
            return addHeader(CpimHeader.of("To", to.toString()));
        }

        /** Adds a {@code cc}. */
        public Builder addCc(CpimAddress cc) {
            return addHeader(CpimHeader.of("cc", cc.toString()));
        }

        /** Sets {@code DateTime}, written with millisecond precision. */
        public Builder dateTime(OffsetDateTime dateTime) {
            return setHeader("DateTime", DateTimes.format(dateTime));
        }

        /** Adds a {@code Subject} without language. */
        public Builder addSubject(String text) {
            return addHeader(CpimHeader.of("Subject", text));
        }

        /** Adds a {@code Subject:;lang=…}. */
        public Builder addSubject(String text, String lang) {
            return addHeader(new CpimHeader("Subject", Map.of("lang", lang), text));
        }

        /** Adds an {@code NS} binding unless the same binding is already present. */
        public Builder namespace(String prefix, String uri) {
            String value = (prefix.isEmpty() ? "" : prefix + " ") + "<" + uri + ">";
            CpimHeader ns = CpimHeader.of("NS", value);
            ReservedHeaders.validate(ns);
            return headers.contains(ns) ? this : addHeader(ns);
        }

        /** Adds a {@code Require} header naming headers the recipient must understand. */
        public Builder addRequire(String headerNames) {
            return addHeader(CpimHeader.of("Require", headerNames));
        }

        /** Appends any header, checking reserved-header values. */
        public Builder addHeader(CpimHeader header) {
            ReservedHeaders.validate(header);
            headers.add(header);
            return this;
        }

        /** Appends a header without parameters. */
        public Builder addHeader(String name, String value) {
            return addHeader(CpimHeader.of(name, value));
        }

        /** Replaces the first header with this name (removing others) or appends it. */
        public Builder setHeader(String name, String value) {
            CpimHeader header = CpimHeader.of(name, value);
            ReservedHeaders.validate(header);
            int at = indexOf(name);
            if (at < 0) {
                headers.add(header);
            } else {
                headers.set(at, header);
                for (int i = headers.size() - 1; i > at; i--) {
                    if (headers.get(i).name().equals(name)) {
                        headers.remove(i);
                    }
                }
            }
            return this;
        }

        /** Removes every header with this name. */
        public Builder removeHeaders(String name) {
            headers.removeIf(h -> h.name().equals(name));
            return this;
        }

        /**
         * Sets an extension header in a namespace, reusing the prefix already bound to it or
         * binding {@code preferredPrefix} with a new {@code NS} header first.
         */
        public Builder setExtensionHeader(String namespaceUri, String preferredPrefix, String localName, String value) {
            String prefix = boundPrefix(namespaceUri).orElse(null);
            if (prefix == null) {
                namespace(preferredPrefix, namespaceUri);
                prefix = preferredPrefix;
            }
            return setHeader(prefix + "." + localName, value);
        }

        /** Sets {@code imdn.Message-ID}, adding {@code NS: imdn <urn:ietf:params:imdn>} if needed. */
        public Builder imdnMessageId(String messageId) {
            return setExtensionHeader(IMDN_NAMESPACE, "imdn", "Message-ID", messageId);
        }

        /** Sets {@code imdn.Disposition-Notification}; no requests removes the header. */
        public Builder dispositionNotification(Collection<DispositionRequest> requests) {
            if (requests.isEmpty()) {
                boundPrefix(IMDN_NAMESPACE).ifPresent(p -> removeHeaders(p + ".Disposition-Notification"));
                return this;
            }
            Set<DispositionRequest> ordered = EnumSet.copyOf(requests);
            String value = String.join(", ", ordered.stream().map(DispositionRequest::token).toList());
            return setExtensionHeader(IMDN_NAMESPACE, "imdn", "Disposition-Notification", value);
        }

        /** Sets {@code imdn.Disposition-Notification}. */
        public Builder dispositionNotification(DispositionRequest... requests) {
            return dispositionNotification(Arrays.asList(requests));
        }

        /** Sets the encapsulated {@code Content-Type}. */
        public Builder contentType(String contentType) {
            return contentHeader("Content-Type", contentType);
        }

        /**
         * Sets an encapsulated MIME header, replacing one of the same name.
         *
         * @throws IllegalArgumentException for {@code Content-Length}, which is computed
         */
        public Builder contentHeader(String name, String value) {
            if (name.equalsIgnoreCase("Content-Length")) {
                throw new IllegalArgumentException("Content-Length is computed from the content");
            }
            MimeHeader header = new MimeHeader(name, value);
            for (int i = 0; i < contentHeaders.size(); i++) {
                if (contentHeaders.get(i).is(name)) {
                    contentHeaders.set(i, header);
                    return this;
                }
            }
            contentHeaders.add(header);
            return this;
        }

        /** Sets the content bytes as carried (already transfer-encoded if a CTE header is set). */
        public Builder content(byte[] bytes) {
            this.content = bytes.clone();
            return this;
        }

        /** Sets {@code Content-Type: text/plain;charset=UTF-8} and the text as UTF-8 content. */
        public Builder text(String text) {
            contentType("text/plain;charset=UTF-8");
            return content(text.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * The immutable message.
         *
         * @throws IllegalArgumentException if From or DateTime was added twice, which the parser
         *     would refuse
         */
        public CpimMessage build() {
            for (String once : List.of("From", "DateTime")) {
                if (headers.stream().filter(h -> ReservedHeaders.is(h, once)).count() > 1) {
                    throw new IllegalArgumentException(once + " appears more than once");
                }
            }
            return new CpimMessage(headers, contentHeaders, content);
        }

        private int indexOf(String name) {
            for (int i = 0; i < headers.size(); i++) {
                if (headers.get(i).name().equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        private Optional<String> boundPrefix(String namespaceUri) {
            for (CpimHeader h : headers) {
                if (ReservedHeaders.is(h, "NS")) {
                    String[] binding = CpimGrammar.parseNamespace(h.value());
                    if (binding[1].equals(namespaceUri) && !binding[0].isEmpty()) {
                        return Optional.of(binding[0]);
                    }
                }
            }
            return Optional.empty();
        }
    }
}
