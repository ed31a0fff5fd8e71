package org.opencpm.msrp.xml;

import java.util.Optional;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A pull cursor over one XML body, opened by {@link SafeXml#reader(byte[])}.
 *
 * <p>It walks elements only (comments, processing instructions and whitespace are skipped) and
 * enforces the depth limit and the DOCTYPE and entity bans. Typical use, one method per element:
 *
 * <pre>{@code
 * XmlReader xml = SafeXml.defaults().reader(body);
 * xml.requireRoot(NS, "isComposing");
 * while (xml.nextChild()) {           // positioned on a child's start tag
 *     switch (xml.localName()) {
 *         case "state" -> state = xml.text();    // consumes the child up to its end tag
 *         default -> xml.skipElement();          // unknown extension: ignore it
 *     }
 * }
 * xml.requireEndOfDocument();
 * }</pre>
 *
 * <p>After {@link #nextChild()} returns {@code true}, the caller consumes that child completely,
 * with {@link #text()}, {@link #skipElement()} or its own {@code nextChild()} loop. Every failure is
 * an {@link XmlBodyException}; no other exception escapes for bad input. Not thread-safe.
 */
public final class XmlReader {

    private final XMLStreamReader stax;
    private final int maxDepth;
    private int depth;

    XmlReader(XMLStreamReader stax, int maxDepth) {
        this.stax = stax;
        this.maxDepth = maxDepth;
    }

    /**
     * Moves to the root element and checks its name.
     *
     * @throws XmlBodyException {@code UNEXPECTED_ELEMENT} if the root is another element
     */
    public void requireRoot(String namespaceUri, String localName) throws XmlBodyException {
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                enter();
                if (!is(namespaceUri, localName)) {
                    throw error(XmlBodyException.Reason.UNEXPECTED_ELEMENT,
                            "expected root {" + namespaceUri + "}" + localName + " but found {"
                                    + namespaceUri() + "}" + localName());
                }
                return;
            }
            if (event == XMLStreamConstants.END_DOCUMENT) {
                throw error(XmlBodyException.Reason.MALFORMED, "document has no root element");
            }
        }
    }

    /**
     * Advances to the next child element of the current element.
     *
     * @return {@code true} positioned on the child's start tag; {@code false} when the current
     *     element's end tag was reached (and consumed)
     */
    public boolean nextChild() throws XmlBodyException {
        while (true) {
            int event = next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    enter();
                    return true;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    return false;
                }
                case XMLStreamConstants.END_DOCUMENT ->
                        throw error(XmlBodyException.Reason.MALFORMED, "unexpected end of document");
                default -> {
                    // text between elements, comments, processing instructions: not content
                }
            }
        }
    }

    /**
     * Reads the text content of the current element and consumes its end tag. Surrounding
     * whitespace is kept; callers trim where the schema type collapses whitespace.
     *
     * @throws XmlBodyException {@code UNEXPECTED_ELEMENT} if the element has child elements
     */
    public String text() throws XmlBodyException {
        String name = localName();
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(stax.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    return text.toString();
                }
                case XMLStreamConstants.START_ELEMENT -> throw error(XmlBodyException.Reason.UNEXPECTED_ELEMENT,
                        "element <" + name + "> must hold text only, found <" + stax.getLocalName() + ">");
                case XMLStreamConstants.END_DOCUMENT ->
                        throw error(XmlBodyException.Reason.MALFORMED, "unexpected end of document");
                default -> {
                    // comments and processing instructions inside text are dropped
                }
            }
        }
    }

    /** Reads {@link #text()} and trims it, as for the schema types that collapse whitespace. */
    public String trimmedText() throws XmlBodyException {
        return text().strip();
    }

    /** Consumes the current element, its descendants and its end tag. */
    public void skipElement() throws XmlBodyException {
        int target = depth - 1;
        while (depth > target) {
            int event = next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                enter();
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                throw error(XmlBodyException.Reason.MALFORMED, "unexpected end of document");
            }
        }
    }

    /** Checks that nothing but comments, processing instructions and whitespace follows the root. */
    public void requireEndOfDocument() throws XmlBodyException {
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.END_DOCUMENT) {
                close();
                return;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                throw error(XmlBodyException.Reason.MALFORMED, "content after the root element");
            }
        }
    }

    /** The namespace URI of the current element, {@code ""} when it has none. */
    public String namespaceUri() {
        String ns = stax.getNamespaceURI();
        return ns == null ? "" : ns;
    }

    /** The local name of the current element. */
    public String localName() {
        return stax.getLocalName();
    }

    /** Whether the current element has this namespace URI and local name. */
    public boolean is(String namespaceUri, String localName) {
        return namespaceUri.equals(namespaceUri()) && localName.equals(localName());
    }

    /** An unqualified attribute of the current element (the usual case in IETF body formats). */
    public Optional<String> attribute(String localName) {
        for (int i = 0; i < stax.getAttributeCount(); i++) {
            String ns = stax.getAttributeNamespace(i);
            if ((ns == null || ns.isEmpty()) && localName.equals(stax.getAttributeLocalName(i))) {
                return Optional.of(stax.getAttributeValue(i));
            }
        }
        return Optional.empty();
    }

    /** An attribute of the current element matched by local name only, whatever its namespace. */
    public Optional<String> attributeAnyNamespace(String localName) {
        for (int i = 0; i < stax.getAttributeCount(); i++) {
            if (localName.equals(stax.getAttributeLocalName(i))) {
                return Optional.of(stax.getAttributeValue(i));
            }
        }
        return Optional.empty();
    }

    /**
     * A required unqualified attribute of the current element.
     *
     * @throws XmlBodyException {@code MISSING_ELEMENT} if absent
     */
    public String requireAttribute(String localName) throws XmlBodyException {
        Optional<String> value = attribute(localName);
        if (value.isEmpty()) {
            throw error(XmlBodyException.Reason.MISSING_ELEMENT,
                    "element <" + localName() + "> lacks the required attribute '" + localName + "'");
        }
        return value.get();
    }

    /** Builds an exception at the current position, for the codec's own content checks. */
    public XmlBodyException error(XmlBodyException.Reason reason, String message) {
        Location location = stax.getLocation();
        int line = location == null ? -1 : location.getLineNumber();
        int column = location == null ? -1 : location.getColumnNumber();
        return new XmlBodyException(reason, message, line, column, null);
    }

    private void enter() throws XmlBodyException {
        depth++;
        if (depth > maxDepth) {
            throw error(XmlBodyException.Reason.TOO_DEEP, "elements nest deeper than " + maxDepth);
        }
    }

    private int next() throws XmlBodyException {
        int event;
        try {
            event = stax.next();
        } catch (XMLStreamException e) {
            throw malformed(e);
        } catch (RuntimeException e) {
            // The JDK parser reports some encoding and state errors unchecked; they are still bad input.
            throw new XmlBodyException(XmlBodyException.Reason.MALFORMED, "XML parser failed: " + e, -1, -1, e);
        }
        if (event == XMLStreamConstants.DTD) {
            throw error(XmlBodyException.Reason.DOCTYPE_FORBIDDEN, "DOCTYPE declarations are not accepted");
        }
        if (event == XMLStreamConstants.ENTITY_REFERENCE || event == XMLStreamConstants.ENTITY_DECLARATION) {
            throw error(XmlBodyException.Reason.ENTITY_FORBIDDEN, "entity reference '&" + stax.getLocalName()
                    + ";' is not accepted");
        }
        return event;
    }

    private void close() {
        try {
            stax.close();
        } catch (XMLStreamException e) {
            // nothing is held but the in-memory array
        }
    }

    static XmlBodyException malformed(XMLStreamException e) {
        Location location = e.getLocation();
        int line = location == null ? -1 : location.getLineNumber();
        int column = location == null ? -1 : location.getColumnNumber();
        String message = e.getMessage() == null ? "malformed XML" : e.getMessage();
        XmlBodyException.Reason reason = classify(message);
        return new XmlBodyException(reason, "XML body refused: " + oneLine(message), line, column, e);
    }

    private static XmlBodyException.Reason classify(String message) {
        // With DTD support off the JDK parser rejects an undeclared entity before reporting an
        // ENTITY_REFERENCE event; the message is the only hint it gives.
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("doctype")) {
            return XmlBodyException.Reason.DOCTYPE_FORBIDDEN;
        }
        if (lower.contains("was referenced, but not declared") || lower.contains("entity \"")) {
            return XmlBodyException.Reason.ENTITY_FORBIDDEN;
        }
        return XmlBodyException.Reason.MALFORMED;
    }

    private static String oneLine(String message) {
        return message.replace('\n', ' ').replace('\r', ' ');
    }
}
