package org.opencpm.msrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Named faults from a scripted raw-socket peer on 127.0.0.1: stall mid-chunk, garbage, never bind. */
class LoopbackFaultTest {

    private static final Duration SHORT = Duration.ofMillis(300);

    private MsrpEndpoint server;
    private final EventQueue<MsrpSessionEvent> events = new EventQueue<>();

    @BeforeEach
    void start() {
        MsrpSessionConfig config = MsrpSessionConfig.DEFAULT.withTimeouts(Duration.ofSeconds(30), SHORT,
                Duration.ZERO, SHORT);
        server = MsrpEndpoint.builder().config(config).listen(new InetSocketAddress("127.0.0.1", 0)).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A raw TCP peer speaking MSRP by hand. */
    private final class RawPeer implements AutoCloseable {
        final MsrpUri uri = MsrpUri.of("127.0.0.1", 40000, "raw" + System.nanoTime());
        final Socket socket;
        final MsrpUri serverUri;
        final MsrpSession session;

        RawPeer() throws IOException {
            serverUri = server.newLocalUri();
            session = server.openSession(new MsrpSessionParameters(serverUri, List.of(uri), SetupRole.PASSIVE,
                    List.of()), events::add);
            socket = new Socket("127.0.0.1", server.listenAddress().getPort());
            socket.setSoTimeout(5000);
        }

        void write(String text) throws IOException {
            socket.getOutputStream().write(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        }

        String send(String tid, String body) {
            return "MSRP " + tid + " SEND\nTo-Path: " + serverUri + "\nFrom-Path: " + uri + "\nMessage-ID: " + tid
                    + "\n" + (body == null ? "" : "Byte-Range: 1-" + body.length() + "/" + body.length()
                    + "\nContent-Type: text/plain\n\n" + body + "\n") + "-------" + tid + "$\n";
        }

        /** Reads up to and including the end-line of transaction {@code tid}. */
        String readMessage(String tid) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            String end = "-------" + tid + "$\r\n";
            while (!out.toString(StandardCharsets.UTF_8).endsWith(end)) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed after " + out);
                }
                out.write(b);
            }
            return out.toString(StandardCharsets.UTF_8);
        }

        boolean closedByServer() throws IOException {
            try {
                return socket.getInputStream().read() < 0;
            } catch (java.net.SocketException e) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void aPeerThatStopsInTheMiddleOfAChunkIsCutOffAfterTheChunkTimeout() throws IOException {
        try (RawPeer peer = new RawPeer()) {
            peer.write(peer.send("bind0001", null));
            assertThat(peer.readMessage("bind0001")).startsWith("MSRP bind0001 200");
            events.next(MsrpSessionEvent.Connected.class);

            peer.write(peer.send("half0001", "this body never ends").substring(0, 150));

            MsrpSessionEvent.ConnectionLost lost = events.next(MsrpSessionEvent.ConnectionLost.class);
            assertThat(lost.cause()).isEqualTo(LossCause.CHUNK_TIMEOUT);
            assertThat(peer.closedByServer()).isTrue();
        }
    }

    @Test
    void garbageOnOneConnectionClosesOnlyThatConnection() throws IOException {
        try (RawPeer good = new RawPeer(); RawPeer bad = new RawPeer()) {
            good.write(good.send("bind0001", null));
            good.readMessage("bind0001");
            bad.write(bad.send("bind0002", null));
            bad.readMessage("bind0002");

            bad.write("HELLO WORLD\n");

            MsrpSessionEvent.ConnectionLost lost = events.next(MsrpSessionEvent.ConnectionLost.class);
            assertThat(lost.session()).isSameAs(bad.session);
            assertThat(lost.cause()).isEqualTo(LossCause.FRAMING_ERROR);
            good.write(good.send("data0001", "still here"));
            assertThat(good.readMessage("data0001")).startsWith("MSRP data0001 200");
            assertThat(new String(events.next(MsrpSessionEvent.MessageReceived.class).message().body(),
                    StandardCharsets.UTF_8)).isEqualTo("still here");
        }
    }

    @Test
    void aBadRequestIsAnswered400AndTheConnectionStaysUsable() throws IOException {
        try (RawPeer peer = new RawPeer()) {
            peer.write(peer.send("bind0001", null));
            peer.readMessage("bind0001");

            peer.write("MSRP bad00001 SEND\nTo-Path: " + peer.serverUri + "\nFrom-Path: " + peer.uri
                    + "\nthis is no header\n-------bad00001$\n");
            assertThat(peer.readMessage("bad00001")).startsWith("MSRP bad00001 400");
            peer.write(peer.send("data0001", "after the error"));

            assertThat(peer.readMessage("data0001")).startsWith("MSRP data0001 200");
        }
    }

    @Test
    void aConnectionThatNeverBindsASessionIsClosedAfterTheConnectTimeout() throws IOException {
        try (Socket idle = new Socket("127.0.0.1", server.listenAddress().getPort())) {
            idle.setSoTimeout(5000);

            assertThat(idle.getInputStream().read()).isEqualTo(-1);
        }
    }
}
