package org.opencpm.sip.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.opencpm.sip.message.Header;
import org.opencpm.sip.message.MessageFactory;
import org.opencpm.sip.message.SipMessage;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;

/**
 * Serializes a {@link SipMessage} to its wire form: start line, headers in order as
 * {@code Name: value}, a {@code Content-Length} computed from the body, an empty line and the body.
 *
 * <p>A head known to be US-ASCII (as parsed, or built from ASCII values) is copied string by string
 * into an output array of the exact size; any other head is assembled in a builder and encoded once
 * as UTF-8.
 */
public final class SipMessageWriter {

    private static final String SIP_VERSION = "SIP/2.0";

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
        int size = a.length() + b.length() + c.length() + 4 + 16 + length.length() + 4 + body.length;
        for (int i = 0, n = headers.size(); i < n; i++) {
            Header h = headers.get(i);
            size += h.name().length() + h.value().length() + 4;
        }
        if (MessageFactory.asciiHead(m)) {
            return ascii(a, b, c, headers, length, body, size);
        }
        StringBuilder sb = new StringBuilder(size - body.length);
        sb.append(a).append(' ').append(b).append(' ').append(c).append("\r\n");
        for (int i = 0, n = headers.size(); i < n; i++) {
            Header h = headers.get(i);
            sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        sb.append("Content-Length: ").append(length).append("\r\n\r\n");
        // String.getBytes(UTF_8) copies all-ASCII text in bulk; the head is mostly that.
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (body.length == 0) {
            return head;
        }
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    /** The head is known to be US-ASCII: each string is copied byte for byte into the exact-size output. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) is exact for US-ASCII text
    private static byte[] ascii(String a, String b, String c, List<Header> headers, String length, byte[] body, int size) {
        byte[] out = new byte[size];
        int p = 0;
        a.getBytes(0, a.length(), out, p);
        p += a.length();
        out[p++] = ' ';
        b.getBytes(0, b.length(), out, p);
        p += b.length();
        out[p++] = ' ';
        c.getBytes(0, c.length(), out, p);
        p += c.length();
        out[p++] = '\r';
        out[p++] = '\n';
        for (int i = 0, n = headers.size(); i < n; i++) {
            Header h = headers.get(i);
            String name = h.name();
            String value = h.value();
            name.getBytes(0, name.length(), out, p);
            p += name.length();
            out[p++] = ':';
            out[p++] = ' ';
            value.getBytes(0, value.length(), out, p);
            p += value.length();
            out[p++] = '\r';
            out[p++] = '\n';
        }
        "Content-Length: ".getBytes(0, 16, out, p);
        p += 16;
        length.getBytes(0, length.length(), out, p);
        p += length.length();
        out[p++] = '\r';
        out[p++] = '\n';
        out[p++] = '\r';
        out[p++] = '\n';
        System.arraycopy(body, 0, out, p, body.length);
        return out;
    }

    private static String statusText(int status) {
        return Integer.toString(status);
    }
}
