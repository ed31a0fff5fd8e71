package org.opencpm.sip.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.opencpm.sip.message.Header;
import org.opencpm.sip.message.SipMessage;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;

/**
 * Serializes a {@link SipMessage} to its wire form: start line, headers in order as
 * {@code Name: value}, a {@code Content-Length} computed from the body, an empty line and the body.
 *
 * <p>The head is written in one pass straight into the output array, sized in advance; text with
 * characters beyond US-ASCII (a UTF-8 display name or reason phrase) takes a slower UTF-8 path.
 */
public final class SipMessageWriter {

    private static final String SIP_VERSION = "SIP/2.0";
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.ISO_8859_1);

    private SipMessageWriter() {
    }

    public static byte[] toBytes(SipMessage m) {
        String a;
        String b;
        String c;
        if (m instanceof SipRequest r) {
            a = r.method();
            b = r.requestUri().toString();
            c = SIP_VERSION;
        } else {
            SipResponse r = (SipResponse) m;
            a = SIP_VERSION;
            b = statusText(r.status());
            c = r.reason();
        }
        List<Header> headers = m.headers().all();
        byte[] body = m.body();
        String length = Integer.toString(body.length);
        int size = a.length() + b.length() + c.length() + 4 + CONTENT_LENGTH.length + length.length() + 4 + body.length;
        for (int i = 0, n = headers.size(); i < n; i++) {
            Header h = headers.get(i);
            size += h.name().length() + h.value().length() + 4;
        }
        byte[] out = new byte[size];
        int p = put(out, 0, a);
        if (p >= 0) {
            out[p++] = ' ';
            p = put(out, p, b);
        }
        if (p >= 0) {
            out[p++] = ' ';
            p = put(out, p, c);
        }
        if (p >= 0) {
            p = crlf(out, p);
        }
        for (int i = 0, n = headers.size(); i < n && p >= 0; i++) {
            Header h = headers.get(i);
            p = put(out, p, h.name());
            if (p < 0) {
                break;
            }
            out[p++] = ':';
            out[p++] = ' ';
            p = put(out, p, h.value());
            if (p >= 0) {
                p = crlf(out, p);
            }
        }
        if (p < 0) {
            return utf8(m, a, b, c, length);
        }
        System.arraycopy(CONTENT_LENGTH, 0, out, p, CONTENT_LENGTH.length);
        p = put(out, p + CONTENT_LENGTH.length, length);
        p = crlf(out, p);
        p = crlf(out, p);
        System.arraycopy(body, 0, out, p, body.length);
        return out;
    }

    private static String statusText(int status) {
        return Integer.toString(status);
    }

    /** Copies US-ASCII text; returns the next position, or -1 at the first character beyond it. */
    private static int put(byte[] out, int p, String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char ch = s.charAt(i);
            if (ch >= 0x80) {
                return -1;
            }
            out[p++] = (byte) ch;
        }
        return p;
    }

    private static int crlf(byte[] out, int p) {
        out[p] = '\r';
        out[p + 1] = '\n';
        return p + 2;
    }

    private static byte[] utf8(SipMessage m, String a, String b, String c, String length) {
        StringBuilder sb = new StringBuilder(1024);
        sb.append(a).append(' ').append(b).append(' ').append(c).append("\r\n");
        for (Header h : m.headers().all()) {
            sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        sb.append("Content-Length: ").append(length).append("\r\n\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = m.body();
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }
}
