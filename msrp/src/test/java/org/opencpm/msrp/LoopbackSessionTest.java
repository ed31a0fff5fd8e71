package org.opencpm.msrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two endpoints on 127.0.0.1 with ephemeral ports: sessions over real TCP connections. */
class LoopbackSessionTest {

    private MsrpEndpoint server;
    private MsrpEndpoint client;
    private final EventQueue<MsrpSessionEvent> serverEvents = new EventQueue<>();
    private final EventQueue<MsrpSessionEvent> clientEvents = new EventQueue<>();

    @BeforeEach
    void start() {
        server = MsrpEndpoint.builder().listen(new InetSocketAddress("127.0.0.1", 0)).build();
        client = MsrpEndpoint.builder().build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    /** A passive session on the server and the matching active one on the client, connected. */
    private MsrpSession[] pair(List<String> serverAcceptTypes) {
        MsrpUri serverUri = server.newLocalUri();
        MsrpUri clientUri = client.newLocalUri();
        MsrpSession passive = server.openSession(new MsrpSessionParameters(serverUri, List.of(clientUri),
                SetupRole.PASSIVE, serverAcceptTypes), serverEvents::add);
        MsrpSession active = client.openSession(new MsrpSessionParameters(clientUri, List.of(serverUri),
                SetupRole.ACTIVE, List.of("*")), clientEvents::add);
        clientEvents.next(MsrpSessionEvent.Connected.class, e -> e.session() == active);
        serverEvents.next(MsrpSessionEvent.Connected.class, e -> e.session() == passive);
        return new MsrpSession[] {passive, active};
    }

    @Test
    void twoEndpointsExchangeMessagesBothWays() {
        MsrpSession[] s = pair(List.of("text/plain"));

        s[1].send("text/plain", "hello server".getBytes(StandardCharsets.UTF_8));
        s[0].send("text/plain", "hello client".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(serverEvents.next(MsrpSessionEvent.MessageReceived.class).message().body(),
                StandardCharsets.UTF_8)).isEqualTo("hello server");
        assertThat(new String(clientEvents.next(MsrpSessionEvent.MessageReceived.class).message().body(),
                StandardCharsets.UTF_8)).isEqualTo("hello client");
        clientEvents.next(MsrpSessionEvent.MessageDelivered.class);
    }

    @Test
    void aChunked100KilobyteMessageArrivesWholeAndIsDelivered() {
        MsrpSession[] s = pair(List.of());
        byte[] big = new byte[100 * 1024];
        new Random(7).nextBytes(big);

        OutgoingMessage sent = s[1].send("application/octet-stream", big);

        assertThat(serverEvents.next(MsrpSessionEvent.MessageReceived.class).message().body()).isEqualTo(big);
        assertThat(clientEvents.next(MsrpSessionEvent.MessageDelivered.class).message()).isEqualTo(sent);
    }

    @Test
    void aSuccessReportComesBackForAMessageThatAskedForIt() {
        MsrpSession[] s = pair(List.of());
        OutgoingMessage m = new OutgoingMessage(s[1].newMessageId(), "text/plain", new byte[3000], true,
                FailureReport.YES);

        s[1].send(m);

        MsrpSessionEvent.ReportReceived report = clientEvents.next(MsrpSessionEvent.ReportReceived.class);
        assertThat(report.messageId()).isEqualTo(m.messageId());
        assertThat(report.status().code()).isEqualTo(200);
        assertThat(report.byteRange()).isEqualTo(ByteRange.whole(3000));
    }

    @Test
    void anUnacceptedContentTypeFailsTheSendAndTheSessionStaysUsable() {
        MsrpSession[] s = pair(List.of("message/cpim"));

        s[1].send("text/plain", new byte[1]);
        assertThat(clientEvents.next(MsrpSessionEvent.SendFailed.class).code()).isEqualTo(415);
        s[1].send("message/cpim", new byte[1]);

        serverEvents.next(MsrpSessionEvent.MessageReceived.class);
    }

    @Test
    void twoActiveSessionsToTheSamePeerShareOneConnection() {
        pair(List.of());
        pair(List.of());

        assertThat(client.pooledConnectionCount()).isEqualTo(1);
    }

    @Test
    void closingOneOfTwoSessionsOnASharedConnectionLeavesTheOtherWorking() {
        MsrpSession[] first = pair(List.of());
        MsrpSession[] second = pair(List.of());

        first[1].close();
        clientEvents.next(MsrpSessionEvent.Closed.class);
        second[1].send("text/plain", "still shared".getBytes(StandardCharsets.UTF_8));

        MsrpSessionEvent.MessageReceived got = serverEvents.next(MsrpSessionEvent.MessageReceived.class);
        assertThat(got.session()).isSameAs(second[0]);
        assertThat(first[0].isClosed()).isFalse();
    }

    @Test
    void closingThePeerLosesTheConnectionOnTheOtherSide() {
        MsrpSession[] s = pair(List.of());

        s[1].close();

        MsrpSessionEvent.ConnectionLost lost = serverEvents.next(MsrpSessionEvent.ConnectionLost.class);
        assertThat(lost.cause()).isEqualTo(LossCause.CONNECTION_CLOSED);
        assertThat(s[0].isClosed()).isTrue();
    }

    @Test
    void anActiveSessionToAPortNobodyListensOnFailsSetup() {
        MsrpUri nowhere = MsrpUri.of("127.0.0.1", 1, "nobody");

        client.openSession(new MsrpSessionParameters(client.newLocalUri(), List.of(nowhere), SetupRole.ACTIVE,
                List.of()), clientEvents::add);

        assertThat(clientEvents.next(MsrpSessionEvent.ConnectionLost.class).cause()).isEqualTo(LossCause.CONNECT_FAILED);
    }
}
