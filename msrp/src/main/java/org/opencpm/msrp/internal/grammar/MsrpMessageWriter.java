package org.opencpm.msrp.internal.grammar;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.opencpm.msrp.MsrpHeaders;
import org.opencpm.msrp.MsrpMessage;
import org.opencpm.msrp.MsrpRequest;
import org.opencpm.msrp.MsrpResponse;

/**
 * Writes a message in the RFC 4975 §9 wire form, in three parts so that a codec can copy the body
 * straight from the message: {@link #head} (start line, headers and, if there is a body, the empty line),
 * the body, and {@link #tail} (CRLF if there is a body, then the end-line).
 */
public final class MsrpMessageWriter {

    private MsrpMessageWriter() {
    }

    /** The start line and header lines, followed by CRLF if a body follows. */
    public static byte[] head(MsrpMessage message) {
        StringBuilder sb = new StringBuilder(256).append("MSRP ").append(message.transactionId()).append(' ');
        if (message instanceof MsrpRequest) {
            sb.append(((MsrpRequest) message).method());
        } else {
            MsrpResponse r = (MsrpResponse) message;
            sb.append(r.code());
            if (r.comment() != null) {
                sb.append(' ').append(r.comment());
            }
        }
        sb.append("\r\n");
        for (MsrpHeaders.Field f : message.headers().fields()) {
            sb.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        if (hasBody(message)) {
            sb.append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** CRLF after the body if there is one, then {@code "-------" transact-id flag CRLF}. */
    public static byte[] tail(MsrpMessage message) {
        char flag = message instanceof MsrpRequest ? ((MsrpRequest) message).continuationFlag().symbol() : '$';
        String s = (hasBody(message) ? "\r\n" : "") + "-------" + message.transactionId() + flag + "\r\n";
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The body, or an empty buffer. */
    public static ByteBuffer body(MsrpMessage message) {
        return message instanceof MsrpRequest ? ((MsrpRequest) message).bodyBuffer() : ByteBuffer.allocate(0);
    }

    /** The whole message as bytes. */
    public static byte[] toBytes(MsrpMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head(message));
        ByteBuffer body = body(message);
        byte[] b = new byte[body.remaining()];
        body.get(b);
        out.writeBytes(b);
        out.writeBytes(tail(message));
        return out.toByteArray();
    }

    private static boolean hasBody(MsrpMessage message) {
        return message instanceof MsrpRequest && ((MsrpRequest) message).hasBody();
    }
}
