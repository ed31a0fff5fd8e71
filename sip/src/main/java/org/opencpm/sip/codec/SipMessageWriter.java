package org.opencpm.sip.codec;

import java.nio.charset.StandardCharsets;
import org.opencpm.sip.message.Header;
import org.opencpm.sip.message.SipMessage;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;

/**
 * Serializes a {@link SipMessage} to its wire form: start line, headers in order as
 * {@code Name: value}, a {@code Content-Length} computed from the body, an empty line and the body.
 */
public final class SipMessageWriter {

    private SipMessageWriter() {
    }

    public static byte[] toBytes(SipMessage m) {
        StringBuilder sb = new StringBuilder(512 + m.headers().size() * 48);
        if (m instanceof SipRequest r) {
            sb.append(r.method()).append(' ').append(r.requestUri()).append(" SIP/2.0\r\n");
        } else {
            SipResponse r = (SipResponse) m;
            sb.append("SIP/2.0 ").append(r.status()).append(' ').append(r.reason()).append("\r\n");
        }
        for (Header h : m.headers().all()) {
            sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        byte[] body = m.body();
        sb.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] head = ascii(sb) ? latin1(sb) : sb.toString().getBytes(StandardCharsets.UTF_8);
        if (body.length == 0) {
            return head;
        }
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    private static boolean ascii(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private static byte[] latin1(CharSequence s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) s.charAt(i);
        }
        return b;
    }
}
