package org.opencpm.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import org.opencpm.sip.codec.ParseResult;
import org.opencpm.sip.codec.SipMessageParser;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;

/**
 * A SIP server played by the test over UDP: it takes the next request the client sends and answers
 * what the test says, so the test can assert what the client put on the wire.
 */
final class ScriptedServer implements AutoCloseable {

    /** A request received and where it came from. */
    record Received(SipRequest request, SocketAddress from) {
    }

    private final DatagramSocket socket;
    private final SipMessageParser parser = new SipMessageParser();

    ScriptedServer() throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(10_000);
    }

    int port() {
        return socket.getLocalPort();
    }

    String address() {
        return "udp:127.0.0.1:" + socket.getLocalPort();
    }

    /** The next request other than retransmissions of ones already taken (10 s at most). */
    Received take(String method) throws IOException {
        socket.setSoTimeout(10_000);
        while (true) {
            byte[] buf = new byte[65535];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            socket.receive(p);
            ParseResult r = parser.parseDatagram(buf, 0, p.getLength());
            assertThat(r).isInstanceOf(ParseResult.Parsed.class);
            if (((ParseResult.Parsed) r).message() instanceof SipRequest req && req.isMethod(method)) {
                return new Received(req, p.getSocketAddress());
            }
        }
    }

    /** Answers {@code received} with {@code status}, a To tag, and extra headers given as name, value pairs. */
    void answer(Received received, int status, String... headers) throws IOException {
        answerWithBody(received, status, null, null, headers);
    }

    /** As {@link #answer}, with a body of {@code contentType}. */
    void answerWithBody(Received received, int status, String contentType, String body, String... headers)
            throws IOException {
        SipResponse.Builder b = received.request().createResponse(status).toBuilder();
        if (body != null) {
            b.body(contentType, body);
        }
        if (received.request().to().tag() == null) {
            b.set(HeaderNames.TO, received.request().to().withTag("srv1"));
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.add(headers[i], headers[i + 1]);
        }
        byte[] bytes = b.build().toBytes();
        socket.send(new DatagramPacket(bytes, bytes.length, received.from()));
    }

    @Override
    public void close() {
        socket.close();
    }
}
