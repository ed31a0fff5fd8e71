package org.opencpm.msrp.cpim.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencpm.msrp.cpim.CpimHeader;
import org.opencpm.msrp.cpim.CpimParseException;
import org.opencpm.msrp.cpim.CpimParseException.Reason;
import org.opencpm.msrp.cpim.MimeHeader;

/**
 * Splits a {@code message/cpim} body (RFC 3862 §2) into its CPIM header block, the encapsulated
 * MIME headers and the content bytes, checking each header against its grammar as it goes.
 *
 * <pre>
 * h: (message-metadata-headers)
 * s:
 * e: (encapsulated MIME message-body)
 * </pre>
 *
 * <p>Input rules: lines may end with CRLF or a bare LF (tolerated; output is always CRLF). CPIM
 * headers are one per line (no folding); encapsulated MIME headers may be folded (RFC 5322). Header
 * bytes must be UTF-8. When the encapsulated {@code Content-Length} is present the content is
 * exactly that many bytes (trailing bytes, such as a stray CRLF some clients add, are dropped);
 * when absent, the content runs to the end of the body. The parser is a pure function over the
 * array and keeps no state.
 */
public final class CpimParser {

    /** The three parts of a CPIM body, as parsed. */
    public record Parts(List<CpimHeader> headers, List<MimeHeader> contentHeaders, byte[] content) {
    }

    private final byte[] in;
    private int pos;

    private CpimParser(byte[] in) {
        this.in = in;
    }

    /** Parses a whole {@code message/cpim} body. */
    public static Parts parse(byte[] body) throws CpimParseException {
        return new CpimParser(body).parts();
    }

    private Parts parts() throws CpimParseException {
        List<CpimHeader> headers = cpimHeaders();
        if (pos >= in.length) {
            // The body ends right after the CPIM header block: an empty encapsulated entity.
            return new Parts(headers, List.of(), new byte[0]);
        }
        List<MimeHeader> contentHeaders = new ArrayList<>();
        long contentLength = mimeHeaders(contentHeaders);
        int remaining = in.length - pos;
        if (contentLength > remaining) {
            throw new CpimParseException(Reason.INVALID_CONTENT_LENGTH, "Content-Length " + contentLength
                    + " exceeds the " + remaining + " bytes that follow the headers", pos);
        }
        int length = contentLength < 0 ? remaining : (int) contentLength;
        return new Parts(headers, contentHeaders, Arrays.copyOfRange(in, pos, pos + length));
    }

    private List<CpimHeader> cpimHeaders() throws CpimParseException {
        List<CpimHeader> headers = new ArrayList<>();
        boolean seenFrom = false;
        boolean seenDateTime = false;
        while (true) {
            int start = pos;
            int end = lineEnd(start, "CPIM header block");
            if (end == start) {
                return headers;
            }
            if (in[start] == ' ' || in[start] == '\t') {
                throw new CpimParseException(Reason.MALFORMED_HEADER,
                        "CPIM headers are not folded; continuation line found", start);
            }
            CpimHeader header = cpimHeader(decode(start, end), start);
            boolean from = ReservedHeaders.is(header, "From");
            boolean dateTime = ReservedHeaders.is(header, "DateTime");
            if ((from && seenFrom) || (dateTime && seenDateTime)) {
                // RFC 3862: only To, cc, NS (and Subject, once per language) may repeat.
                throw new CpimParseException(Reason.DUPLICATE_HEADER, header.name() + " appears more than once",
                        start);
            }
            seenFrom |= from;
            seenDateTime |= dateTime;
            try {
                ReservedHeaders.validate(header);
            } catch (IllegalArgumentException e) {
                throw new CpimParseException(Reason.INVALID_HEADER_VALUE, e.getMessage(), start);
            }
            headers.add(header);
        }
    }

    /**
     * {@code Header = Header-name ":" *( ";" Parameter ) SP Header-value}. The SP is tolerated when
     * missing, and the value is trimmed.
     */
    private static CpimHeader cpimHeader(String line, int offset) throws CpimParseException {
        int colon = line.indexOf(':');
        if (colon <= 0 || !CpimGrammar.isHeaderName(line.substring(0, colon))) {
            throw new CpimParseException(Reason.MALFORMED_HEADER, "not a CPIM header line: '" + line + "'", offset);
        }
        String name = line.substring(0, colon);
        int i = colon + 1;
        Map<String, String> params = new LinkedHashMap<>();
        try {
            while (i < line.length() && line.charAt(i) == ';') {
                int nameStart = ++i;
                while (i < line.length() && CpimGrammar.isNameChar(line.charAt(i))) {
                    i++;
                }
                String paramName = line.substring(nameStart, i);
                String paramValue = "";
                if (i < line.length() && line.charAt(i) == '=') {
                    int valueStart = ++i;
                    if (i < line.length() && line.charAt(i) == '"') {
                        i = CpimGrammar.readString(line, i, new StringBuilder());
                    } else {
                        while (i < line.length() && line.charAt(i) != ';' && line.charAt(i) != ' ') {
                            i++;
                        }
                    }
                    paramValue = line.substring(valueStart, i);
                }
                if (!CpimGrammar.isName(paramName)) {
                    throw new IllegalArgumentException("bad parameter name '" + paramName + "'");
                }
                params.put(paramName, paramValue);
            }
            if (hasControl(line, i)) {
                throw new CpimParseException(Reason.INVALID_CHARACTERS, "control character in " + name, offset);
            }
            return new CpimHeader(name, params, line.substring(i).strip());
        } catch (IllegalArgumentException e) {
            throw new CpimParseException(Reason.MALFORMED_HEADER, name + ": " + e.getMessage(), offset);
        }
    }

    /**
     * RFC 5322 header fields of the encapsulated entity, up to the empty line.
     *
     * @return the Content-Length value, or -1 when absent
     */
    private long mimeHeaders(List<MimeHeader> out) throws CpimParseException {
        long contentLength = -1;
        int fieldStart = -1;
        StringBuilder field = null;
        while (true) {
            int start = pos;
            int end = lineEnd(start, "encapsulated MIME header block");
            boolean continuation = end > start && (in[start] == ' ' || in[start] == '\t');
            if (continuation) {
                if (field == null) {
                    throw new CpimParseException(Reason.MALFORMED_HEADER, "continuation line without a header", start);
                }
                field.append(' ').append(decode(start, end).strip());
                continue;
            }
            if (field != null) {
                contentLength = mimeHeader(field.toString(), fieldStart, out, contentLength);
            }
            if (end == start) {
                return contentLength;
            }
            field = new StringBuilder(decode(start, end));
            fieldStart = start;
        }
    }

    private static long mimeHeader(String line, int offset, List<MimeHeader> out, long contentLength)
            throws CpimParseException {
        int colon = line.indexOf(':');
        String name = colon < 0 ? "" : line.substring(0, colon).strip();
        if (!CpimGrammar.isMimeFieldName(name)) {
            throw new CpimParseException(Reason.MALFORMED_HEADER, "not a MIME header line: '" + line + "'", offset);
        }
        String value = line.substring(colon + 1).strip();
        if (CpimGrammar.hasControl(value)) {
            throw new CpimParseException(Reason.INVALID_CHARACTERS, "control character in " + name, offset);
        }
        if (name.equalsIgnoreCase("Content-Length")) {
            // As RFC 7230 §3.3.2 says for HTTP, two lengths leave the receiver guessing where the
            // entity ends; refuse rather than pick one.
            if (contentLength >= 0) {
                throw new CpimParseException(Reason.DUPLICATE_HEADER, "Content-Length appears more than once", offset);
            }
            if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new CpimParseException(Reason.INVALID_CONTENT_LENGTH, "Content-Length is not a number: '"
                        + value + "'", offset);
            }
            return Long.parseLong(value);
        }
        if (name.equalsIgnoreCase("Content-Type") && out.stream().anyMatch(h -> h.is("Content-Type"))) {
            throw new CpimParseException(Reason.DUPLICATE_HEADER, "Content-Type appears more than once", offset);
        }
        out.add(new MimeHeader(name, value));
        return contentLength;
    }

    /** Finds the end of the line at {@code start}, moves {@link #pos} past its terminator. */
    private int lineEnd(int start, String block) throws CpimParseException {
        for (int i = start; i < in.length; i++) {
            if (in[i] == '\n') {
                pos = i + 1;
                return i > start && in[i - 1] == '\r' ? i - 1 : i;
            }
        }
        throw new CpimParseException(Reason.MISSING_EMPTY_LINE, "the " + block + " does not end with an empty line",
                start);
    }

    private String decode(int start, int end) throws CpimParseException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(in, start, end - start))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CpimParseException(Reason.INVALID_CHARACTERS, "header line is not UTF-8", start);
        }
    }

    private static boolean hasControl(String line, int from) {
        return CpimGrammar.hasControl(line.substring(from));
    }
}
