package org.opencpm.msrp.xml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small writer for the XML bodies OpenCPM sends: UTF-8, XML declaration, one element per line
 * with two-space indentation, text and attribute values escaped.
 *
 * <pre>{@code
 * byte[] body = new XmlWriter()
 *         .start("isComposing").attribute("xmlns", NS)
 *         .element("state", "active")
 *         .end()
 *         .toBytes();
 * }</pre>
 *
 * <p>Names are written as given (prefix included); the caller declares namespaces with
 * {@code xmlns} attributes. Text containing characters XML 1.0 cannot carry (control characters,
 * lone surrogates) is rejected with {@link IllegalArgumentException}: building a body is a
 * programming contract, not input parsing. Not thread-safe; use once.
 */
public final class XmlWriter {

    private final StringBuilder out = new StringBuilder(256);
    private final Deque<String> open = new ArrayDeque<>();
    private boolean startTagOpen;

    /** Starts a document with the XML declaration. */
    public XmlWriter() {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    }

    /** Opens an element; attributes may follow until the next content call. */
    public XmlWriter start(String name) {
        closeStartTag();
        newline();
        out.append('<').append(name);
        open.push(name);
        startTagOpen = true;
        return this;
    }

    /** Adds an attribute to the element just opened. */
    public XmlWriter attribute(String name, String value) {
        if (!startTagOpen) {
            throw new IllegalStateException("attribute '" + name + "' after element content");
        }
        out.append(' ').append(name).append("=\"");
        escape(value, true);
        out.append('"');
        return this;
    }

    /** Closes the innermost open element; an element without content is written as {@code <x/>}. */
    public XmlWriter end() {
        String name = open.pop();
        if (startTagOpen) {
            out.append("/>");
            startTagOpen = false;
        } else {
            newline();
            out.append("</").append(name).append('>');
        }
        return this;
    }

    /** Writes {@code <name>text</name>} on one line. */
    public XmlWriter element(String name, String text) {
        closeStartTag();
        newline();
        out.append('<').append(name).append('>');
        escape(text, false);
        out.append("</").append(name).append('>');
        return this;
    }

    /** Writes an empty element {@code <name/>}. */
    public XmlWriter empty(String name) {
        start(name);
        return end();
    }

    /** The finished document in UTF-8. */
    public byte[] toBytes() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements: " + open);
        }
        return (out.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private void closeStartTag() {
        if (startTagOpen) {
            out.append('>');
            startTagOpen = false;
        }
    }

    private void newline() {
        out.append('\n');
        out.append("  ".repeat(open.size()));
    }

    private void escape(String text, boolean attribute) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\t', '\n', '\r' -> {
                    if (attribute) {
                        out.append("&#").append((int) c).append(';');
                    } else if (c == '\r') {
                        out.append("&#13;");
                    } else {
                        out.append(c);
                    }
                }
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        throw new IllegalArgumentException("character U+" + Integer.toHexString(c)
                                + " cannot appear in XML 1.0");
                    }
                    if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < text.length()
                                && Character.isLowSurrogate(text.charAt(i + 1))) {
                            out.append(c).append(text.charAt(++i));
                            continue;
                        }
                        throw new IllegalArgumentException("lone surrogate at index " + i);
                    }
                    out.append(c);
                }
            }
        }
    }
}
