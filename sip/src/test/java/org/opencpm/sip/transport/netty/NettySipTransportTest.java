package org.opencpm.sip.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipResponse;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.message.Via;
import org.opencpm.sip.transport.Inbound;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;

/**
 * NettySipTransport on real loopback sockets, ephemeral ports: one scenario per test, driven by a
 * plain JDK socket playing the peer.
 */
class NettySipTransportTest {

    static {
        io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.PARANOID);
    }

    private static final int WAIT = 5;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final BlockingQueue<Inbound> inbound = new LinkedBlockingQueue<>();
    private final BlockingQueue<Boolean> onSipThread = new LinkedBlockingQueue<>();
    private NettySipTransport transport;

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (transport != null) {
            transport.close();
        }
    }

    private NettySipTransport start(NettySipTransportConfig.Builder config) {
        transport = new NettySipTransport(config.build());
        transport.setHandler(in -> {
            onSipThread.add(transport.scheduler().inOwnerThread());
            inbound.add(in);
        });
        transport.start();
        return transport;
    }

    private NettySipTransport startDefault() {
        return start(NettySipTransportConfig.builder().listen("udp:127.0.0.1:0", "tcp:127.0.0.1:0"));
    }

    private <T extends AutoCloseable> T closeLater(T c) {
        toClose.add(c);
        return c;
    }

    static String request(String method, String transport, String sentBy, String extra) {
        return method + " sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " " + sentBy + ";branch=z9hG4bK" + method.toLowerCase() + "1;rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: <sip:bob@example.com>\r\n"
                + "From: <sip:alice@example.com>;tag=1928301774\r\n"
                + "Call-ID: call-" + method.toLowerCase() + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + extra
                + "Content-Length: 0\r\n\r\n";
    }

    private Inbound nextInbound() throws InterruptedException {
        Inbound in = inbound.poll(WAIT, TimeUnit.SECONDS);
        assertThat(in).as("a message handed up").isNotNull();
        assertThat(onSipThread.poll()).as("handler called on the SIP thread").isTrue();
        return in;
    }

    private static SipRequest outboundRequest(String callId, HostPortLike via, Transport t) {
        return SipRequest.builder("OPTIONS", SipUri.parse("sip:peer@127.0.0.1"))
                .add("Via", "SIP/2.0/" + t.viaName() + " " + via.host() + ":" + via.port() + ";branch=z9hG4bK" + callId)
                .add("Max-Forwards", 70)
                .add("To", "<sip:peer@127.0.0.1>")
                .add("From", "<sip:cpm@127.0.0.1>;tag=abc")
                .add("Call-ID", callId)
                .add("CSeq", "1 OPTIONS")
                .build();
    }

    record HostPortLike(String host, int port) {
    }

    private HostPortLike sentBy(Transport t) {
        var hp = transport.sentBy(t);
        return new HostPortLike(hp.host(), hp.port());
    }

    // ---------- UDP ----------

    private DatagramSocket udpPeer() throws IOException {
        DatagramSocket s = closeLater(new DatagramSocket(new InetSocketAddress("127.0.0.1", 0)));
        s.setSoTimeout(WAIT * 1000);
        return s;
    }

    private void sendUdp(DatagramSocket from, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        from.send(new DatagramPacket(b, b.length, transport.boundAddress(Transport.UDP)));
    }

    private static String receiveUdp(DatagramSocket s) throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
        s.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    @Test
    void udpRequestIsStampedWithReceivedAndRportAndItsResponseGoesBackToTheSourcePort() throws Exception {
        startDefault();
        DatagramSocket peer = udpPeer();
        // The sent-by names a host and port the peer does not use, as behind a NAT.
        sendUdp(peer, request("OPTIONS", "UDP", "192.0.2.7:5999", ""));

        Inbound in = nextInbound();
        Via top = in.message().topVia();
        assertThat(top.received()).isEqualTo("127.0.0.1");
        assertThat(top.rport()).isEqualTo(peer.getLocalPort());
        assertThat(in.flow().transport()).isEqualTo(Transport.UDP);
        assertThat(in.flow().remote().getPort()).isEqualTo(peer.getLocalPort());
        assertThat(in.flow().local()).isEqualTo(transport.boundAddress(Transport.UDP));

        SipResponse ok = ((SipRequest) in.message()).createResponse(200);
        transport.sendResponse(ok, in.flow(), reason -> { throw new AssertionError(reason); });
        String answer = receiveUdp(peer);
        assertThat(answer).startsWith("SIP/2.0 200 OK\r\n").contains("received=127.0.0.1")
                .contains("rport=" + peer.getLocalPort());
        assertThat(transport.stats().received()).isEqualTo(1);
        waitFor(() -> transport.stats().sent() == 1);
    }

    @Test
    void udpRequestsLeaveFromTheListeningSocket() throws Exception {
        startDefault();
        DatagramSocket peer = udpPeer();
        transport.send(outboundRequest("udp-out", sentBy(Transport.UDP), Transport.UDP),
                new Target(Transport.UDP, (InetSocketAddress) peer.getLocalSocketAddress()),
                reason -> { throw new AssertionError(reason); });
        DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
        peer.receive(p);
        assertThat(p.getPort()).isEqualTo(transport.boundAddress(Transport.UDP).getPort());
        assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8)).startsWith("OPTIONS ");
    }

    @Test
    void malformedUdpRequestIsAnsweredWith400AndItsFault() throws Exception {
        startDefault();
        DatagramSocket peer = udpPeer();
        sendUdp(peer, request("MESSAGE", "UDP", "127.0.0.1:" + peer.getLocalPort(), "")
                .replace("Call-ID: call-message\r\n", ""));
        String answer = receiveUdp(peer);
        assertThat(answer).startsWith("SIP/2.0 400 Missing Call-ID\r\n");
        assertThat(answer).contains("CSeq: 1 MESSAGE").containsPattern("To: <sip:bob@example.com>;tag=\\w+");
        assertThat(inbound).isEmpty();
        assertThat(transport.stats().badRequests()).isEqualTo(1);
    }

    @Test
    void malformedUdpResponseIsDroppedAndCounted() throws Exception {
        startDefault();
        DatagramSocket peer = udpPeer();
        sendUdp(peer, "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKx\r\nCSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n");
        sendUdp(peer, "\u0000\u0001garbage, not SIP\r\n\r\n");
        waitFor(() -> transport.stats().dropped() == 2);
        assertThat(inbound).isEmpty();
        assertThat(transport.stats().badRequests()).isZero();
    }

    @Test
    void datagramBeyondMaxMessageSizeIsAnsweredWith513() throws Exception {
        start(NettySipTransportConfig.builder().listen("udp:127.0.0.1:0")
                .decoder(new org.opencpm.sip.codec.SipDecoderConfig(4096, 2048, 64, 10)));
        DatagramSocket peer = udpPeer();
        String big = request("MESSAGE", "UDP", "127.0.0.1:" + peer.getLocalPort(), "Content-Type: text/plain\r\n")
                .replace("Content-Length: 0\r\n\r\n", "Content-Length: 10000\r\n\r\n" + "z".repeat(10000));
        sendUdp(peer, big);
        assertThat(receiveUdp(peer)).startsWith("SIP/2.0 513 Message Too Large\r\n");
    }

    // ---------- TCP ----------

    private Socket tcpPeer() throws IOException {
        Socket s = closeLater(new Socket());
        s.connect(transport.boundAddress(Transport.TCP), WAIT * 1000);
        s.setSoTimeout(WAIT * 1000);
        return s;
    }

    private static void write(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }

    /** Reads one message (head and Content-Length body) from a stream. */
    private static String readMessage(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.UTF_8);
        int i = h.indexOf("Content-Length: ");
        int len = Integer.parseInt(h.substring(i + 16, h.indexOf("\r\n", i)));
        return h + new String(in.readNBytes(len), StandardCharsets.UTF_8);
    }

    /** True if the peer sees the connection closed (EOF or reset) before the timeout. */
    private static boolean closedByServer(Socket s) throws IOException {
        try {
            InputStream in = s.getInputStream();
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Test
    void responseAndLaterRequestToATcpPeerReuseTheConnectionItOpened() throws Exception {
        startDefault();
        Socket peer = tcpPeer();
        write(peer, request("MESSAGE", "TCP", "192.0.2.7:5999", ""));
        Inbound in = nextInbound();
        assertThat(in.flow().transport()).isEqualTo(Transport.TCP);
        assertThat(in.flow().isOpen()).isTrue();
        assertThat(in.message().topVia().received()).isEqualTo("127.0.0.1");

        transport.sendResponse(((SipRequest) in.message()).createResponse(200), in.flow(),
                reason -> { throw new AssertionError(reason); });
        assertThat(readMessage(peer.getInputStream())).startsWith("SIP/2.0 200 OK\r\n");

        // A new request to the peer's address goes over the connection the peer opened.
        transport.send(outboundRequest("tcp-reuse", sentBy(Transport.TCP), Transport.TCP),
                new Target(Transport.TCP, (InetSocketAddress) peer.getLocalSocketAddress()),
                reason -> { throw new AssertionError(reason); });
        assertThat(readMessage(peer.getInputStream())).startsWith("OPTIONS sip:peer@127.0.0.1 SIP/2.0\r\n");
        assertThat(transport.stats().connections()).isEqualTo(1);

        peer.close();
        waitFor(() -> !in.flow().isOpen() && transport.stats().connections() == 0);
    }

    @Test
    void requestsToATcpTargetShareOneOutboundConnectionAndResponsesComeBackOnIt() throws Exception {
        startDefault();
        ServerSocket server = closeLater(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")));
        server.setSoTimeout(WAIT * 1000);
        Target target = new Target(Transport.TCP, (InetSocketAddress) server.getLocalSocketAddress());
        // Both are written before the connect completes: the second waits in the queue.
        transport.send(outboundRequest("out-1", sentBy(Transport.TCP), Transport.TCP), target,
                reason -> { throw new AssertionError(reason); });
        transport.send(outboundRequest("out-2", sentBy(Transport.TCP), Transport.TCP), target,
                reason -> { throw new AssertionError(reason); });
        Socket accepted = closeLater(server.accept());
        accepted.setSoTimeout(WAIT * 1000);
        String first = readMessage(accepted.getInputStream());
        String second = readMessage(accepted.getInputStream());
        assertThat(first).contains("Call-ID: out-1");
        assertThat(second).contains("Call-ID: out-2");

        String via = first.substring(first.indexOf("Via: ") + 5, first.indexOf("\r\n", first.indexOf("Via: ")));
        write(accepted, "SIP/2.0 200 OK\r\nVia: " + via + "\r\nTo: <sip:peer@127.0.0.1>;tag=p\r\n"
                + "From: <sip:cpm@127.0.0.1>;tag=abc\r\nCall-ID: out-1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
        Inbound in = nextInbound();
        assertThat(in.message()).isInstanceOf(SipResponse.class);
        assertThat(in.flow().remote()).isEqualTo(target.address());

        transport.send(outboundRequest("out-3", sentBy(Transport.TCP), Transport.TCP), in.flow(),
                reason -> { throw new AssertionError(reason); });
        assertThat(readMessage(accepted.getInputStream())).contains("Call-ID: out-3");
        server.setSoTimeout(300);
        assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
        assertThat(transport.stats().connections()).isEqualTo(1);
    }

    @Test
    void connectFailureIsReportedToTheSendListener() throws Exception {
        startDefault();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        BlockingQueue<String> failures = new LinkedBlockingQueue<>();
        transport.send(outboundRequest("refused", sentBy(Transport.TCP), Transport.TCP),
                Target.of(Transport.TCP, "127.0.0.1", closedPort), failures::add);
        String reason = failures.poll(WAIT, TimeUnit.SECONDS);
        assertThat(reason).isNotNull().contains("127.0.0.1").contains(Integer.toString(closedPort));
        waitFor(() -> transport.stats().connections() == 0);
    }

    @Test
    void connectThatDoesNotCompleteFailsAfterTheConnectTimeout() throws Exception {
        start(NettySipTransportConfig.builder().listen("tcp:127.0.0.1:0").connectTimeout(Duration.ofMillis(300)));
        BlockingQueue<String> failures = new LinkedBlockingQueue<>();
        // TEST-NET-1 (RFC 5737): never answers; unreachable at once where there is no route.
        transport.send(outboundRequest("blackhole", sentBy(Transport.TCP), Transport.TCP),
                Target.of(Transport.TCP, "192.0.2.1", 5060), failures::add);
        assertThat(failures.poll(WAIT, TimeUnit.SECONDS)).isNotNull().contains("192.0.2.1");
        waitFor(() -> transport.stats().connections() == 0);
    }

    @Test
    void malformedTcpRequestIsAnsweredWith400OnItsConnectionWhichStaysUsable() throws Exception {
        startDefault();
        Socket peer = tcpPeer();
        write(peer, request("MESSAGE", "TCP", "127.0.0.1:5999", "").replace("Call-ID: call-message\r\n", ""));
        assertThat(readMessage(peer.getInputStream())).startsWith("SIP/2.0 400 Missing Call-ID\r\n");
        write(peer, request("OPTIONS", "TCP", "127.0.0.1:5999", ""));
        assertThat(nextInbound().message().callId()).isEqualTo("call-options");
    }

    @Test
    void overLongTcpHeadIsAnsweredWith513AndTheConnectionClosed() throws Exception {
        start(NettySipTransportConfig.builder().listen("tcp:127.0.0.1:0")
                .decoder(new org.opencpm.sip.codec.SipDecoderConfig(4096, 1024, 64, 10)));
        Socket peer = tcpPeer();
        write(peer, request("MESSAGE", "TCP", "127.0.0.1:5999", "Subject: " + "s".repeat(2000) + "\r\n"));
        assertThat(readMessage(peer.getInputStream())).startsWith("SIP/2.0 513 Message Too Large\r\n");
        assertThat(closedByServer(peer)).isTrue();
    }

    @Test
    void tcpGarbageClosesTheConnectionAndNotTheListener() throws Exception {
        start(NettySipTransportConfig.builder().listen("tcp:127.0.0.1:0")
                .decoder(new org.opencpm.sip.codec.SipDecoderConfig(4096, 1024, 64, 10)));
        Socket peer = tcpPeer();
        write(peer, "\u0001\u0002".repeat(1500));
        assertThat(closedByServer(peer)).isTrue();
        Socket next = tcpPeer();
        write(next, request("OPTIONS", "TCP", "127.0.0.1:5999", ""));
        assertThat(nextInbound().message().callId()).isEqualTo("call-options");
        assertThat(transport.stats().dropped()).isEqualTo(1);
    }

    @Test
    void keepAlivePingIsAnsweredWithAPong() throws Exception {
        startDefault();
        Socket peer = tcpPeer();
        write(peer, "\r\n\r\n");
        byte[] pong = peer.getInputStream().readNBytes(2);
        assertThat(new String(pong, StandardCharsets.US_ASCII)).isEqualTo("\r\n");
    }

    @Test
    void slowlorisConnectionIsClosedAfterTheHeadTimeout() throws Exception {
        start(NettySipTransportConfig.builder().listen("tcp:127.0.0.1:0").tcpHeadTimeout(Duration.ofMillis(300)));
        Socket peer = tcpPeer();
        String msg = request("OPTIONS", "TCP", "127.0.0.1:5999", "");
        long t0 = System.nanoTime();
        write(peer, msg.substring(0, 40));
        Thread.sleep(150);
        write(peer, msg.substring(40, 60)); // trickling does not reset the timer
        assertThat(closedByServer(peer)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(inbound).isEmpty();
    }

    @Test
    void completedMessagesKeepAConnectionBeyondTheHeadTimeout() throws Exception {
        start(NettySipTransportConfig.builder().listen("tcp:127.0.0.1:0").tcpHeadTimeout(Duration.ofMillis(300)));
        Socket peer = tcpPeer();
        write(peer, request("OPTIONS", "TCP", "127.0.0.1:5999", ""));
        nextInbound();
        Thread.sleep(600);
        write(peer, request("OPTIONS", "TCP", "127.0.0.1:5999", ""));
        assertThat(nextInbound().flow().isOpen()).isTrue();
    }

    @Test
    void idleConnectionIsClosed() throws Exception {
        start(NettySipTransportConfig.builder().listen("tcp:127.0.0.1:0").tcpIdleTimeout(Duration.ofMillis(300)));
        Socket peer = tcpPeer();
        assertThat(closedByServer(peer)).isTrue();
        waitFor(() -> transport.stats().connections() == 0);
    }

    @Test
    void connectionsBeyondTheCapAreClosed() throws Exception {
        start(NettySipTransportConfig.builder().listen("tcp:127.0.0.1:0").maxTcpConnections(3));
        List<Socket> peers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            peers.add(tcpPeer());
        }
        waitFor(() -> transport.stats().refusedConnections() == 3);
        int closed = 0;
        for (Socket s : peers) {
            s.setSoTimeout(300);
            if (closedByServer(s)) {
                closed++;
            }
        }
        assertThat(closed).isEqualTo(3);
        assertThat(transport.stats().connections()).isEqualTo(3);
        // A send that needs a new connection fails at the cap too.
        BlockingQueue<String> failures = new LinkedBlockingQueue<>();
        transport.send(outboundRequest("capped", sentBy(Transport.TCP), Transport.TCP),
                Target.of(Transport.TCP, "127.0.0.1", 9), failures::add);
        assertThat(failures.poll(WAIT, TimeUnit.SECONDS)).contains("limit");
    }

    @Test
    void sendsToAPeerThatDoesNotReadFailOnceItsQueueIsFull() throws Exception {
        startDefault();
        Socket peer = tcpPeer();
        write(peer, request("OPTIONS", "TCP", "127.0.0.1:5999", ""));
        Inbound in = nextInbound();
        BlockingQueue<String> failures = new LinkedBlockingQueue<>();
        byte[] body = new byte[50_000];
        for (int i = 0; i < 400 && failures.isEmpty(); i++) {
            SipRequest big = outboundRequest("big-" + i, sentBy(Transport.TCP), Transport.TCP).toBuilder()
                    .body("application/octet-stream", body).build();
            transport.send(big, in.flow(), failures::add);
            if (i % 20 == 19) {
                Thread.sleep(20);
            }
        }
        assertThat(failures.poll(WAIT, TimeUnit.SECONDS)).contains("not reading");
        assertThat(in.flow().isOpen()).isTrue();
    }

    @Test
    void garbageOfEverySizeOnEveryPortLeavesTheListenersWorking() throws Exception {
        start(NettySipTransportConfig.builder().listen("udp:127.0.0.1:0", "tcp:127.0.0.1:0")
                .decoder(new org.opencpm.sip.codec.SipDecoderConfig(4096, 1024, 64, 10)));
        java.util.Random random = new java.util.Random(4475);
        DatagramSocket udp = udpPeer();
        int datagrams = 0;
        for (int size : new int[] {0, 1, 2, 3, 4, 17, 100, 1023, 1024, 1025, 4096, 4097, 20_000, 65_000}) {
            for (int k = 0; k < 3; k++) {
                byte[] junk = new byte[size];
                random.nextBytes(junk);
                udp.send(new DatagramPacket(junk, size, transport.boundAddress(Transport.UDP)));
                datagrams++;
            }
        }
        for (int k = 0; k < 5; k++) {
            Socket s = tcpPeer();
            byte[] junk = new byte[3000 * (k + 1)];
            random.nextBytes(junk);
            s.getOutputStream().write(junk);
            assertThat(closedByServer(s)).isTrue();
        }
        int expected = datagrams;
        waitFor(() -> transport.stats().dropped() >= expected);
        sendUdp(udp, request("OPTIONS", "UDP", "127.0.0.1:" + udp.getLocalPort(), ""));
        assertThat(nextInbound().flow().transport()).isEqualTo(Transport.UDP);
        write(tcpPeer(), request("OPTIONS", "TCP", "127.0.0.1:5999", ""));
        assertThat(nextInbound().flow().transport()).isEqualTo(Transport.TCP);
        waitFor(() -> transport.stats().connections() == 1);
    }

    @Test
    void closeReleasesThePortsAndClosesTheFlows() throws Exception {
        startDefault();
        Socket peer = tcpPeer();
        write(peer, request("OPTIONS", "TCP", "127.0.0.1:5999", ""));
        Inbound in = nextInbound();
        InetSocketAddress udp = transport.boundAddress(Transport.UDP);
        InetSocketAddress tcp = transport.boundAddress(Transport.TCP);
        transport.close();
        assertThat(in.flow().isOpen()).isFalse();
        assertThat(closedByServer(peer)).isTrue();
        transport = new NettySipTransport(NettySipTransportConfig.builder()
                .listen("udp:127.0.0.1:" + udp.getPort(), "tcp:127.0.0.1:" + tcp.getPort()).build());
        transport.start();
        assertThat(transport.boundAddress(Transport.TCP)).isEqualTo(tcp);
    }

    @Test
    void sendFailuresAreReportedOnTheSipThread() throws Exception {
        startDefault();
        BlockingQueue<Boolean> thread = new LinkedBlockingQueue<>();
        transport.send(outboundRequest("nowhere", sentBy(Transport.TCP), Transport.TCP),
                Target.of(Transport.TCP, "127.0.0.1", 9), reason -> thread.add(transport.scheduler().inOwnerThread()));
        assertThat(thread.poll(WAIT, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void startFailsClearlyWhenThePortIsTaken() throws Exception {
        startDefault();
        int port = transport.boundAddress(Transport.TCP).getPort();
        NettySipTransport second = new NettySipTransport(NettySipTransportConfig.builder()
                .listen("tcp:127.0.0.1:" + port).build());
        try {
            assertThatThrownBy(second::start).isInstanceOf(SipTransportBindException.class)
                    .hasMessageContaining("tcp:127.0.0.1:" + port);
        } finally {
            second.close();
        }
    }

    @Test
    void sentByReportsTheBoundPort() {
        startDefault();
        assertThat(transport.sentBy(Transport.UDP).host()).isEqualTo("127.0.0.1");
        assertThat(transport.sentBy(Transport.UDP).port()).isEqualTo(transport.boundAddress(Transport.UDP).getPort());
        assertThat(transport.sentBy(Transport.TCP).port()).isEqualTo(transport.boundAddress(Transport.TCP).getPort());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT + " s");
            }
            Thread.sleep(10);
        }
    }
}
