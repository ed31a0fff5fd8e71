package org.opencpm.it.imdn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.it.ServerFixture;

/**
 * A pager-mode message and its delivered and displayed notifications through a real server on loopback
 * sockets, with the durable (SQLite) IMDN cache: alice and bob are plain UDP SIP endpoints scripted here, as
 * SIPp would be. Bob's client reports "delivered" twice (the second from another Call-ID, as a second device
 * or a retry would): alice receives it once (PF-IMDN-O-02 / PF-IMDN-T-04), then the display notification.
 */
class ImdnThroughServerTest {

    private static final String MSG_ICSI = "urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg";

    private ServerFixture server;
    private Endpoint alice;
    private Endpoint bob;
    private Path dataDir;

    @BeforeEach
    void start() throws Exception {
        dataDir = Files.createTempDirectory("h-imdn-it");
        server = ServerFixture.start("data-dir: \"" + dataDir + "\"\n");
        alice = new Endpoint("alice", server.sipPort);
        bob = new Endpoint("bob", server.sipPort);
        alice.register();
        bob.register();
    }

    @AfterEach
    void stop() {
        alice.close();
        bob.close();
        server.close();
    }

    @Test
    @DisplayName("PF-IMDN-O-01, PF-IMDN-O-02, PF-IMDN-T-04, PF-IMDN-T-09 on sockets: message, delivered (duplicate "
            + "dropped) and displayed notifications between two clients through the server")
    void messageAndItsNotifications() throws Exception {
        alice.send(alice.message("sip:bob@example.com", chat("M1")));
        String atBob = bob.receive("MESSAGE");
        bob.answer(atBob, 200);
        assertThat(alice.receive("SIP/2.0 200")).contains("CSeq: 1 MESSAGE");

        String delivered = notification("M1", "<delivery-notification><status><delivered/></status></delivery-notification>");
        bob.send(bob.message("sip:alice@example.com", delivered));
        String first = alice.receive("MESSAGE");
        assertThat(first).contains("<delivered/>").contains("<message-id>M1</message-id>");
        alice.answer(first, 200);
        assertThat(bob.receive("SIP/2.0 200")).contains("MESSAGE");

        bob.send(bob.message("sip:alice@example.com", delivered));
        assertThat(bob.receive("SIP/2.0 200")).as("the duplicate is answered by the server").contains("MESSAGE");
        assertThat(alice.receiveWithin(1500)).as("the duplicate never reaches alice").isNull();

        bob.send(bob.message("sip:alice@example.com",
                notification("M1", "<display-notification><status><displayed/></status></display-notification>")));
        String display = alice.receive("MESSAGE");
        assertThat(display).contains("<displayed/>");
        alice.answer(display, 200);
        assertThat(bob.receive("SIP/2.0 200")).contains("MESSAGE");
        assertThat(Files.exists(dataDir.resolve("imdn-cache.db"))).isTrue();
    }

    private static String chat(String id) {
        return "From: <sip:alice@example.com>\r\nTo: <sip:bob@example.com>\r\nDateTime: 2026-11-22T03:00:00Z\r\n"
                + "NS: imdn <urn:ietf:params:imdn>\r\nimdn.Message-ID: " + id + "\r\n"
                + "imdn.Disposition-Notification: positive-delivery, display\r\n\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nhello";
    }

    private static String notification(String id, String element) {
        return "From: <sip:bob@example.com>\r\nTo: <sip:alice@example.com>\r\n"
                + "NS: imdn <urn:ietf:params:imdn>\r\nimdn.Message-ID: " + UUID.randomUUID() + "\r\n"
                + "DateTime: 2026-11-22T03:00:01Z\r\n\r\n"
                + "Content-Type: message/imdn+xml\r\nContent-Disposition: notification\r\n\r\n"
                + "<?xml version=\"1.0\" encoding=\"UTF-8\"?><imdn xmlns=\"urn:ietf:params:xml:ns:imdn\"><message-id>"
                + id + "</message-id><datetime>2026-11-22T03:00:00Z</datetime>" + element + "</imdn>";
    }

    /** A scripted UDP SIP endpoint of one user. */
    private static final class Endpoint implements AutoCloseable {
        private final String user;
        private final DatagramSocket socket;
        private final InetSocketAddress serverAddress;
        private int cseq;

        Endpoint(String user, int serverPort) throws IOException {
            this.user = user;
            this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            this.serverAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
        }

        int port() {
            return socket.getLocalPort();
        }

        void register() throws IOException {
            send("REGISTER sip:example.com SIP/2.0\r\n" + via() + "Max-Forwards: 70\r\n"
                    + "From: <sip:" + user + "@example.com>;tag=r" + port() + "\r\nTo: <sip:" + user + "@example.com>\r\n"
                    + "Call-ID: reg-" + UUID.randomUUID() + "\r\nCSeq: 1 REGISTER\r\n"
                    + "Contact: <sip:" + user + "@127.0.0.1:" + port() + ">;+g.3gpp.icsi-ref=\"" + MSG_ICSI + "\"\r\n"
                    + "Expires: 600\r\nContent-Length: 0\r\n\r\n");
            assertThat(receive("SIP/2.0 200")).contains("REGISTER");
        }

        String message(String to, String cpim) {
            byte[] body = cpim.getBytes(StandardCharsets.UTF_8);
            return "MESSAGE " + to + " SIP/2.0\r\n" + via() + "Max-Forwards: 70\r\n"
                    + "From: <sip:" + user + "@example.com>;tag=m" + (++cseq) + "\r\nTo: <" + to + ">\r\n"
                    + "Call-ID: msg-" + UUID.randomUUID() + "\r\nCSeq: 1 MESSAGE\r\n"
                    + "Accept-Contact: *;+g.3gpp.icsi-ref=\"" + MSG_ICSI + "\"\r\n"
                    + "Conversation-ID: conv-it\r\nContribution-ID: " + UUID.randomUUID() + "\r\n"
                    + "Content-Type: message/cpim\r\nContent-Length: " + body.length + "\r\n\r\n" + cpim;
        }

        private String via() {
            return "Via: SIP/2.0/UDP 127.0.0.1:" + port() + ";branch=z9hG4bK" + UUID.randomUUID() + ";rport\r\n";
        }

        void send(String message) throws IOException {
            byte[] b = message.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(b, b.length, serverAddress));
        }

        /** Answers a received request with {@code status}, echoing Via, From, To (with a tag), Call-ID, CSeq. */
        void answer(String request, int status) throws IOException {
            StringBuilder r = new StringBuilder("SIP/2.0 " + status + " OK\r\n");
            for (String line : request.substring(0, request.indexOf("\r\n\r\n")).split("\r\n")) {
                String lower = line.toLowerCase();
                if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("call-id:")
                        || lower.startsWith("cseq:")) {
                    r.append(line).append("\r\n");
                } else if (lower.startsWith("to:")) {
                    r.append(line).append(";tag=a").append(port()).append("\r\n");
                }
            }
            send(r.append("Content-Length: 0\r\n\r\n").toString());
        }

        /** The next datagram starting with {@code start} (others skipped: retransmissions, provisional answers). */
        String receive(String start) throws IOException {
            long until = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < until) {
                String m = receiveWithin(10_000);
                if (m != null && m.startsWith(start)) {
                    return m;
                }
            }
            throw new AssertionError(user + ": no " + start + " within 10 s");
        }

        /** The next datagram within {@code millis}, or null. */
        String receiveWithin(int millis) throws IOException {
            byte[] buf = new byte[65_535];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            socket.setSoTimeout(millis);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
