package org.opencpm.msrp.imdn.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opencpm.msrp.cpim.MimeHeader;
import org.opencpm.msrp.xml.XmlBodyException;
import org.opencpm.msrp.xml.XmlBodyException.Reason;

/**
 * A minimal RFC 2046 §5.1 multipart reader and writer, enough for aggregated IMDNs
 * ({@code multipart/mixed} whose parts are {@code message/imdn+xml}).
 *
 * <pre>
 * multipart-body := [preamble CRLF] dash-boundary transport-padding CRLF body-part
 *                   *encapsulation close-delimiter transport-padding [CRLF epilogue]
 * </pre>
 *
 * <p>Bare LF line ends are tolerated. Nested multiparts are returned as opaque parts.
 */
public final class Multipart {

    /** One body part: its MIME headers and bytes. */
    public record Part(List<MimeHeader> headers, byte[] body) {

        /** A header value, ignoring the name's case. */
        public Optional<String> header(String name) {
            return headers.stream().filter(h -> h.is(name)).findFirst().map(MimeHeader::value);
        }
    }

    private Multipart() {
    }

    /**
     * The {@code boundary} parameter of a multipart Content-Type.
     *
     * @throws XmlBodyException {@code MALFORMED} if absent
     */
    public static String boundary(String contentType) throws XmlBodyException {
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = p.substring(9).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!value.isEmpty() && value.length() <= 70) {
                    return value;
                }
            }
        }
        throw new XmlBodyException(Reason.MALFORMED, "multipart Content-Type lacks a usable boundary: " + contentType);
    }

    /**
     * Splits a multipart body into its parts.
     *
     * @throws XmlBodyException {@code MALFORMED} if the first delimiter or the close delimiter
     *     is missing, or a part's headers are malformed
     */
    public static List<Part> split(byte[] body, String boundary) throws XmlBodyException {
        byte[] dash = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int at = findDelimiter(body, dash, 0);
        if (at < 0) {
            throw new XmlBodyException(Reason.MALFORMED, "multipart body has no delimiter --" + boundary);
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            int after = at + dash.length;
            if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') {
                return parts;
            }
            int lineEnd = indexOf(body, (byte) '\n', after);
            if (lineEnd < 0) {
                break;
            }
            int start = lineEnd + 1;
            int next = findDelimiter(body, dash, start);
            if (next < 0) {
                break;
            }
            int end = next;
            // The CRLF before a delimiter belongs to the delimiter (RFC 2046 §5.1.1).
            if (end > start && body[end - 1] == '\n') {
                end--;
                if (end > start && body[end - 1] == '\r') {
                    end--;
                }
            }
            parts.add(part(Arrays.copyOfRange(body, start, Math.max(start, end))));
            at = next;
        }
        throw new XmlBodyException(Reason.MALFORMED, "multipart body has no close delimiter --" + boundary + "--");
    }

    /** Writes parts with CRLF line ends and the close delimiter. */
    public static byte[] write(String boundary, List<Part> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part part : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n");
            part.headers().forEach(h -> head.append(h).append("\r\n"));
            head.append("\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(part.body());
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static Part part(byte[] raw) throws XmlBodyException {
        List<MimeHeader> headers = new ArrayList<>();
        int pos = 0;
        while (true) {
            int nl = indexOf(raw, (byte) '\n', pos);
            if (nl < 0) {
                throw new XmlBodyException(Reason.MALFORMED, "multipart part headers do not end with an empty line");
            }
            int end = nl > pos && raw[nl - 1] == '\r' ? nl - 1 : nl;
            String line = new String(raw, pos, end - pos, StandardCharsets.UTF_8);
            pos = nl + 1;
            if (line.isEmpty()) {
                return new Part(List.copyOf(headers), Arrays.copyOfRange(raw, pos, raw.length));
            }
            int colon = line.indexOf(':');
            try {
                if ((line.startsWith(" ") || line.startsWith("\t")) && !headers.isEmpty()) {
                    MimeHeader last = headers.remove(headers.size() - 1);
                    headers.add(new MimeHeader(last.name(), last.value() + " " + line.strip()));
                    continue;
                }
                if (colon <= 0) {
                    throw new IllegalArgumentException("no colon");
                }
                headers.add(new MimeHeader(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
            } catch (IllegalArgumentException e) {
                throw new XmlBodyException(Reason.MALFORMED, "malformed multipart part header: '" + line + "'");
            }
        }
    }

    /** A delimiter line: {@code --boundary} at the body start or right after a LF. */
    private static int findDelimiter(byte[] body, byte[] dash, int from) {
        for (int i = from; i + dash.length <= body.length; i++) {
            if ((i == 0 || body[i - 1] == '\n') && regionMatches(body, i, dash)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean regionMatches(byte[] body, int at, byte[] what) {
        for (int j = 0; j < what.length; j++) {
            if (body[at + j] != what[j]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, byte b, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
