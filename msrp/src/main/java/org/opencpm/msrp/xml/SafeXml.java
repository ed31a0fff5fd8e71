package org.opencpm.msrp.xml;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The only way OpenCPM opens an XML body that came from the network.
 *
 * <p>Every body parser of this module (IMDN, isComposing, conference-info) reads through a
 * {@link XmlReader} obtained from {@link #reader(byte[])}. The reader is a JDK StAX parser
 * configured so that a hostile peer cannot make it read files, open connections or expand
 * entities:
 *
 * <ul>
 *   <li>DTD support off, external entities off, entity replacement off, external DTD and schema
 *       access denied; a {@code <!DOCTYPE>} is refused as soon as the parser reports it
 *       ({@link XmlBodyException.Reason#DOCTYPE_FORBIDDEN}), so the "billion laughs" and XXE
 *       constructs are never expanded;</li>
 *   <li>any entity reference other than the five predefined ones (and character references) is
 *       refused ({@link XmlBodyException.Reason#ENTITY_FORBIDDEN});</li>
 *   <li>adjacent text is coalesced, so an element's text is read in one piece.</li>
 * </ul>
 *
 * <p>Limits, checked before and during parsing:
 *
 * <table>
 *   <caption>SafeXml limits</caption>
 *   <tr><th>limit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@link #maxDocumentBytes()}</td><td>65536</td><td>length of the whole body in bytes;
 *       a longer body is refused before it is parsed ({@link XmlBodyException.Reason#TOO_LARGE})</td></tr>
 *   <tr><td>{@link #maxDepth()}</td><td>32</td><td>element nesting depth, the root element being 1
 *       ({@link XmlBodyException.Reason#TOO_DEEP})</td></tr>
 * </table>
 *
 * <p>Instances are immutable and thread-safe; a new StAX factory is made per document because the
 * JDK's factory is not documented as thread-safe.
 */
public final class SafeXml {

    /** Default for {@link #maxDocumentBytes()}: 64 KB. */
    public static final int DEFAULT_MAX_DOCUMENT_BYTES = 64 * 1024;
    /** Default for {@link #maxDepth()}: 32 levels. */
    public static final int DEFAULT_MAX_DEPTH = 32;

    private static final SafeXml DEFAULTS = new SafeXml(DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_DEPTH);

    private static final Pattern ENCODING = Pattern.compile("encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

    private final int maxDocumentBytes;
    private final int maxDepth;

    /**
     * Creates a configuration with the given limits.
     *
     * @param maxDocumentBytes maximum body length in bytes, at least 1
     * @param maxDepth maximum element depth, at least 1
     * @throws IllegalArgumentException if a limit is below 1
     */
    public SafeXml(int maxDocumentBytes, int maxDepth) {
        if (maxDocumentBytes < 1) {
            throw new IllegalArgumentException("maxDocumentBytes must be >= 1: " + maxDocumentBytes);
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be >= 1: " + maxDepth);
        }
        this.maxDocumentBytes = maxDocumentBytes;
        this.maxDepth = maxDepth;
    }

    /** The default configuration: 64 KB, depth 32. */
    public static SafeXml defaults() {
        return DEFAULTS;
    }

    /** Maximum body length in bytes. */
    public int maxDocumentBytes() {
        return maxDocumentBytes;
    }

    /** Maximum element nesting depth; the root element is at depth 1. */
    public int maxDepth() {
        return maxDepth;
    }

    /**
     * Opens a reader over one complete XML document. The encoding is taken from the XML
     * declaration or byte order mark (UTF-8 when absent, checked strictly). The array is not copied: do not change it while reading.
     *
     * @throws XmlBodyException {@code TOO_LARGE} if the document exceeds the size limit, or
     *     {@code MALFORMED} if the parser cannot start
     */
    public XmlReader reader(byte[] document) throws XmlBodyException {
        if (document.length > maxDocumentBytes) {
            throw new XmlBodyException(XmlBodyException.Reason.TOO_LARGE,
                    "XML body of " + document.length + " bytes exceeds the limit of " + maxDocumentBytes);
        }
        try {
            XMLInputFactory factory = newFactory();
            XMLStreamReader stax = declaresOtherEncoding(document)
                    ? factory.createXMLStreamReader(new ByteArrayInputStream(document))
                    : factory.createXMLStreamReader(new StringReader(strictUtf8(document)));
            return new XmlReader(stax, maxDepth);
        } catch (XMLStreamException e) {
            throw XmlReader.malformed(e);
        } catch (RuntimeException e) {
            // e.g. an encoding name in the XML declaration the JDK does not know
            throw new XmlBodyException(XmlBodyException.Reason.MALFORMED, "XML parser failed to start: " + e,
                    -1, -1, e);
        }
    }

    /**
     * UTF-8 is decoded here rather than by the parser: the JDK parser prints "[Fatal Error]" to
     * stderr on a bad byte sequence, which a peer could use to flood the log.
     */
    private static String strictUtf8(byte[] document) throws XmlBodyException {
        int skip = document.length >= 3 && (document[0] & 0xff) == 0xEF && (document[1] & 0xff) == 0xBB
                && (document[2] & 0xff) == 0xBF ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(document, skip, document.length - skip))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new XmlBodyException(XmlBodyException.Reason.MALFORMED, "XML body is not valid UTF-8");
        }
    }

    /** A UTF-16 byte order or an XML declaration naming an encoding other than UTF-8. */
    private static boolean declaresOtherEncoding(byte[] document) {
        if (document.length >= 2 && (document[0] == 0 || document[1] == 0
                || ((document[0] & 0xff) == 0xFE && (document[1] & 0xff) == 0xFF)
                || ((document[0] & 0xff) == 0xFF && (document[1] & 0xff) == 0xFE))) {
            return true;
        }
        String head = new String(document, 0, Math.min(document.length, 200), StandardCharsets.ISO_8859_1);
        if (!head.startsWith("<?xml")) {
            return false;
        }
        int end = head.indexOf("?>");
        Matcher m = ENCODING.matcher(end < 0 ? head : head.substring(0, end));
        return m.find() && !m.group(1).equalsIgnoreCase("UTF-8");
    }

    private static XMLInputFactory newFactory() {
        // newDefaultFactory, not newFactory: never let the class path substitute another parser.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        // Errors reach the caller as exceptions; do not let the parser also print them to stderr.
        factory.setXMLReporter((message, errorType, relatedInformation, location) -> { });
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        });
        return factory;
    }
}
