package org.opencpm.msrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A relay (the PF in the media path) between a client and a network peer, all on 127.0.0.1: messages,
 * chunked messages and REPORTs cross both legs, the hook sees each message once, back-pressure holds
 * the sender, and a lost leg reaches the owner with its undelivered messages.
 */
class LoopbackRelayTest {

    private MsrpEndpoint clientEp;
    private MsrpEndpoint relayEp;
    private MsrpEndpoint networkEp;
    private final EventQueue<MsrpSessionEvent> clientEvents = new EventQueue<>();
    private final EventQueue<MsrpSessionEvent> networkEvents = new EventQueue<>();
    private final EventQueue<MsrpRelayEvent> relayEvents = new EventQueue<>();
    private final Map<String, AtomicInteger> hookCounts = new ConcurrentHashMap<>();
    private MsrpSession client;
    private MsrpSession network;
    private MsrpRelay relay;

    private void open(MsrpSessionConfig config) {
        clientEp = MsrpEndpoint.builder().config(config).build();
        relayEp = MsrpEndpoint.builder().config(config).listen(new InetSocketAddress("127.0.0.1", 0)).build();
        networkEp = MsrpEndpoint.builder().config(config).listen(new InetSocketAddress("127.0.0.1", 0)).build();
        MsrpUri clientUri = clientEp.newLocalUri();
        MsrpUri relayToClient = relayEp.newLocalUri();
        MsrpUri relayToNetwork = relayEp.newLocalUri();
        MsrpUri networkUri = networkEp.newLocalUri();
        network = networkEp.openSession(new MsrpSessionParameters(networkUri, List.of(relayToNetwork),
                SetupRole.PASSIVE, List.of()), networkEvents::add);
        relay = relayEp.openRelay(
                new MsrpSessionParameters(relayToClient, List.of(clientUri), SetupRole.PASSIVE, List.of()),
                new MsrpSessionParameters(relayToNetwork, List.of(networkUri), SetupRole.ACTIVE, List.of()),
                (from, m) -> {
                    hookCounts.computeIfAbsent(from + "/" + m.messageId(), k -> new AtomicInteger()).incrementAndGet();
                    return new RelayOutcome.Forward(m);
                },
                relayEvents::add);
        client = clientEp.openSession(new MsrpSessionParameters(clientUri, List.of(relayToClient), SetupRole.ACTIVE,
                List.of()), clientEvents::add);
        clientEvents.next(MsrpSessionEvent.Connected.class);
        networkEvents.next(MsrpSessionEvent.Connected.class);
        relayEvents.next(MsrpRelayEvent.LegConnected.class, e -> e.leg() == RelayLeg.CLIENT);
        relayEvents.next(MsrpRelayEvent.LegConnected.class, e -> e.leg() == RelayLeg.NETWORK);
    }

    @AfterEach
    void stop() {
        for (MsrpEndpoint ep : new MsrpEndpoint[] {clientEp, relayEp, networkEp}) {
            if (ep != null) {
                ep.close();
            }
        }
    }

    private static String text(MsrpSessionEvent.MessageReceived e) {
        return new String(e.message().body(), StandardCharsets.UTF_8);
    }

    @Test
    void messagesChunkedMessagesAndReportsCrossBothLegsAndTheHookSeesEachOnce() {
        open(MsrpSessionConfig.DEFAULT);
        byte[] big = new byte[100 * 1024];
        new Random(3).nextBytes(big);

        client.send("text/plain", "hi network".getBytes(StandardCharsets.UTF_8));
        assertThat(text(networkEvents.next(MsrpSessionEvent.MessageReceived.class))).isEqualTo("hi network");
        network.send("text/plain", "hi client".getBytes(StandardCharsets.UTF_8));
        assertThat(text(clientEvents.next(MsrpSessionEvent.MessageReceived.class))).isEqualTo("hi client");
        OutgoingMessage chunked = new OutgoingMessage(client.newMessageId(), "application/octet-stream", big, true,
                FailureReport.YES);
        client.send(chunked);

        assertThat(networkEvents.next(MsrpSessionEvent.MessageReceived.class).message().body()).isEqualTo(big);
        MsrpSessionEvent.ReportReceived report = clientEvents.next(MsrpSessionEvent.ReportReceived.class);
        assertThat(report.messageId()).isEqualTo(chunked.messageId());
        assertThat(report.status().code()).isEqualTo(200);
        assertThat(report.byteRange()).isEqualTo(ByteRange.whole(big.length));
        assertThat(hookCounts).hasSize(3);
        assertThat(hookCounts.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(relay.forwardedBytes()).isEqualTo(10 + 9 + big.length);
    }

    @Test
    void aSlowNetworkPeerHoldsTheClientBackAndEverythingArrivesWhenItReadsAgain() throws InterruptedException {
        open(MsrpSessionConfig.DEFAULT.withWriteLimits(16 * 1024, 4L << 20));
        network.setReading(false);
        int sent = 0;
        long stalledSince = System.nanoTime();
        while (System.nanoTime() - stalledSince < 1_000_000_000L) {
            if (client.isWritable()) {
                byte[] body = new byte[32 * 1024];
                body[0] = (byte) sent;
                client.send("application/octet-stream", body);
                sent++;
                stalledSince = System.nanoTime();
            }
            Thread.sleep(5);
        }
        assertThat(sent).isGreaterThan(1);
        assertThat(relay.forwardedMessages()).isLessThan(sent);

        network.setReading(true);

        for (int i = 0; i < sent; i++) {
            assertThat(networkEvents.next(MsrpSessionEvent.MessageReceived.class).message().body()[0]).isEqualTo((byte) i);
        }
    }

    @Test
    void aLostNetworkLegReachesTheOwnerWithTheMessagesItDidNotDeliver() throws InterruptedException {
        open(MsrpSessionConfig.DEFAULT);
        network.setReading(false);
        // setReading is queued to the peer's event loop, which handles socket reads before queued tasks.
        Thread.sleep(200);
        client.send("text/plain", "never acknowledged".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 500 && relay.forwardedMessages() == 0; i++) {
            Thread.sleep(10);
        }

        network.close();

        MsrpRelayEvent.LegLost lost = relayEvents.next(MsrpRelayEvent.LegLost.class);
        assertThat(lost.leg()).isEqualTo(RelayLeg.NETWORK);
        assertThat(lost.cause()).isEqualTo(LossCause.CONNECTION_CLOSED);
        assertThat(lost.undelivered()).extracting(m -> new String(m.body(), StandardCharsets.UTF_8))
                .containsExactly("never acknowledged");
        assertThat(relay.leg(RelayLeg.CLIENT).isClosed()).isFalse();
    }
}
