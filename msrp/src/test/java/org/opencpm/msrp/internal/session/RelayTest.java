package org.opencpm.msrp.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencpm.common.time.VirtualScheduler;
import org.opencpm.msrp.ByteRange;
import org.opencpm.msrp.LossCause;
import org.opencpm.msrp.MsrpMessage;
import org.opencpm.msrp.MsrpRelayEvent;
import org.opencpm.msrp.MsrpRelayHook;
import org.opencpm.msrp.MsrpRequest;
import org.opencpm.msrp.MsrpSessionConfig;
import org.opencpm.msrp.MsrpStatus;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.RelayLeg;
import org.opencpm.msrp.RelayOutcome;
import org.opencpm.msrp.SetupRole;
import org.opencpm.msrp.internal.relay.BackToBackRelay;

/** The back-to-back relay over two fake connections on virtual time: forwarding, reports, back-pressure, loss. */
class RelayTest {

    static final MsrpUri CLIENT_SIDE = MsrpUri.parse("msrp://pf.example.com:2855/toclient;tcp");
    static final MsrpUri CLIENT = MsrpUri.parse("msrp://client.example.com:7777/c1;tcp");
    static final MsrpUri NETWORK_SIDE = MsrpUri.parse("msrp://pf.example.com:2855/tonet;tcp");
    static final MsrpUri NETWORK = MsrpUri.parse("msrp://other-pf.example.net:2855/n1;tcp");

    final VirtualScheduler time = new VirtualScheduler();
    final SessionRegistry registry = new SessionRegistry();
    final FakeTransport clientWire = new FakeTransport();
    final FakeTransport networkWire = new FakeTransport();
    final List<MsrpRelayEvent> events = new ArrayList<>();
    final List<String> hookSaw = new ArrayList<>();
    MsrpRelayHook hook = (from, m) -> {
        hookSaw.add(from + ":" + new String(m.body(), StandardCharsets.UTF_8));
        return new RelayOutcome.Forward(m);
    };
    BackToBackRelay relay;
    int peerTids;

    void open(MsrpSessionConfig config) {
        MsrpConnection clientConn = new MsrpConnection(clientWire, time, config, registry, () -> { });
        MsrpConnection networkConn = new MsrpConnection(networkWire, time, config, registry, () -> { });
        clientWire.connection = clientConn;
        networkWire.connection = networkConn;
        relay = new BackToBackRelay((from, m) -> hook.intercept(from, m), events::add);
        RealMsrpSession client = new RealMsrpSession(CLIENT_SIDE, List.of(CLIENT), List.of(), SetupRole.ACTIVE, config,
                time, relay.listener(RelayLeg.CLIENT), registry, (hop, s) -> clientConn.attach(s), new Ids(1));
        RealMsrpSession network = new RealMsrpSession(NETWORK_SIDE, List.of(NETWORK), List.of(), SetupRole.ACTIVE,
                config, time, relay.listener(RelayLeg.NETWORK), registry, (hop, s) -> networkConn.attach(s), new Ids(2));
        relay.join(client, network);
        client.start();
        network.start();
        time.runPending();
        answer(clientWire, 200);
        answer(networkWire, 200);
    }

    List<MsrpMessage> answer(FakeTransport wire, int code) {
        List<MsrpMessage> out = wire.take();
        for (MsrpMessage m : out) {
            if (m instanceof MsrpRequest && !((MsrpRequest) m).isReport()) {
                wire.connection.onInbound(((MsrpRequest) m).createResponse(code, null));
            }
        }
        time.runPending();
        return out;
    }

    MsrpRequest.Builder fromClient(String messageId, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return MsrpRequest.builder(MsrpRequest.SEND).transactionId("clnt" + (1000 + peerTids++))
                .toPath(List.of(CLIENT_SIDE)).fromPath(List.of(CLIENT)).messageId(messageId)
                .byteRange(ByteRange.whole(body.length)).body("message/cpim", body);
    }

    void deliver(FakeTransport wire, MsrpMessage m) {
        wire.connection.onInbound(m);
        time.runPending();
    }

    @Test
    void aMessageFromTheClientPassesTheHookOnceAndGoesOutOnTheNetworkLegWithItsPaths() {
        open(MsrpSessionConfig.DEFAULT);

        deliver(clientWire, fromClient("c-1", "hello").build());

        assertThat(hookSaw).containsExactly("CLIENT:hello");
        MsrpRequest out = (MsrpRequest) networkWire.take().get(0);
        assertThat(out.toPath()).containsExactly(NETWORK);
        assertThat(out.fromPath()).containsExactly(NETWORK_SIDE);
        assertThat(out.messageId()).isNotEqualTo("c-1");
        assertThat(out.contentType()).isEqualTo("message/cpim");
        assertThat(relay.forwardedMessages()).isEqualTo(1);
    }

    @Test
    void droppedAndConsumedMessagesAreNotForwarded() {
        open(MsrpSessionConfig.DEFAULT);
        hook = (from, m) -> new String(m.body(), StandardCharsets.UTF_8).equals("drop")
                ? new RelayOutcome.Drop("test") : new RelayOutcome.Consume();

        deliver(clientWire, fromClient("c-1", "drop").build());
        deliver(clientWire, fromClient("c-2", "keep").build());

        assertThat(networkWire.take()).isEmpty();
        assertThat(clientWire.take()).hasSize(2);
    }

    @Test
    void aSuccessReportFromTheNetworkReachesTheClientUnderItsOriginalMessageId() {
        open(MsrpSessionConfig.DEFAULT);
        deliver(clientWire, fromClient("c-1", "hello").successReport(true).build());
        clientWire.take();
        MsrpRequest out = (MsrpRequest) answer(networkWire, 200).get(0);

        deliver(networkWire, MsrpRequest.builder(MsrpRequest.REPORT).transactionId("netr0001")
                .toPath(List.of(NETWORK_SIDE)).fromPath(List.of(NETWORK)).messageId(out.messageId())
                .byteRange(ByteRange.whole(5)).status(new MsrpStatus(200, "OK")).build());

        MsrpRequest report = (MsrpRequest) clientWire.take().get(0);
        assertThat(report.isReport()).isTrue();
        assertThat(report.messageId()).isEqualTo("c-1");
        assertThat(report.toPath()).containsExactly(CLIENT);
        assertThat(report.status().code()).isEqualTo(200);
    }

    @Test
    void aRefusalOnTheNetworkLegBecomesAFailureReportToTheClient() {
        open(MsrpSessionConfig.DEFAULT);
        deliver(clientWire, fromClient("c-1", "hello").build());
        clientWire.take();

        answer(networkWire, 415);

        MsrpRequest report = (MsrpRequest) clientWire.take().get(0);
        assertThat(report.messageId()).isEqualTo("c-1");
        assertThat(report.status().code()).isEqualTo(415);
        assertThat(events).filteredOn(e -> e instanceof MsrpRelayEvent.Undeliverable).hasSize(1);
    }

    @Test
    void whileTheNetworkConnectionIsNotWritableTheClientConnectionIsNotRead() {
        open(MsrpSessionConfig.DEFAULT);

        networkWire.setWritable(false);
        time.runPending();
        assertThat(clientWire.autoRead).isFalse();
        networkWire.setWritable(true);
        time.runPending();

        assertThat(clientWire.autoRead).isTrue();
    }

    @Test
    void unacknowledgedBytesOnOneLegAboveTheHighWaterMarkStopReadingTheOtherLeg() {
        open(MsrpSessionConfig.DEFAULT.withWriteLimits(10, 1000));

        deliver(clientWire, fromClient("c-1", "0123456789ab").build());
        assertThat(clientWire.autoRead).isFalse();
        answer(networkWire, 200);

        assertThat(clientWire.autoRead).isTrue();
    }

    @Test
    void aLostNetworkLegIsReportedWithTheMessagesItDidNotDeliver() {
        open(MsrpSessionConfig.DEFAULT);
        deliver(clientWire, fromClient("c-1", "hello").build());

        time.advance(Duration.ofSeconds(30));

        MsrpRelayEvent.LegLost lost = (MsrpRelayEvent.LegLost) events.stream()
                .filter(e -> e instanceof MsrpRelayEvent.LegLost).findFirst().orElseThrow();
        assertThat(lost.leg()).isEqualTo(RelayLeg.NETWORK);
        assertThat(lost.cause()).isEqualTo(LossCause.TRANSACTION_TIMEOUT);
        assertThat(lost.undelivered()).extracting(m -> new String(m.body(), StandardCharsets.UTF_8))
                .containsExactly("hello");
        assertThat(relay.leg(RelayLeg.CLIENT).isClosed()).isFalse();
    }

    @Test
    void aMessageForAClosedLegIsReportedUndeliverable() {
        open(MsrpSessionConfig.DEFAULT);
        relay.leg(RelayLeg.NETWORK).close();
        time.runPending();

        deliver(clientWire, fromClient("c-1", "late").build());

        assertThat(events).filteredOn(e -> e instanceof MsrpRelayEvent.Undeliverable).singleElement()
                .satisfies(e -> assertThat(((MsrpRelayEvent.Undeliverable) e).leg()).isEqualTo(RelayLeg.NETWORK));
    }

    MsrpRequest failureReportTo(String messageId) {
        return clientWire.take().stream().filter(m -> m instanceof MsrpRequest && ((MsrpRequest) m).isReport())
                .map(m -> (MsrpRequest) m).filter(r -> r.messageId().equals(messageId)).findFirst().orElse(null);
    }

    @Test
    void aMessageForAClosedLegIsReportedFailedToTheClientThatAlreadyHasA200() {
        open(MsrpSessionConfig.DEFAULT);
        relay.leg(RelayLeg.NETWORK).close();
        time.runPending();

        deliver(clientWire, fromClient("c-1", "late").build());

        MsrpRequest report = failureReportTo("c-1");
        assertThat(report).as("failure REPORT for c-1").isNotNull();
        assertThat(report.status().code()).isEqualTo(481);
        assertThat(report.toPath()).containsExactly(CLIENT);
    }

    @Test
    void messagesLostWithTheNetworkLegAreReportedFailedToTheClient() {
        open(MsrpSessionConfig.DEFAULT);
        deliver(clientWire, fromClient("c-1", "hello").build());
        assertThat(clientWire.take()).as("the 200 for c-1").hasSize(1);

        time.advance(Duration.ofSeconds(30));

        MsrpRequest report = failureReportTo("c-1");
        assertThat(report).as("failure REPORT for c-1").isNotNull();
        assertThat(report.status().code()).isEqualTo(408);
        assertThat(report.byteRange()).isEqualTo(ByteRange.whole(5));
    }

    @Test
    void noFailureReportGoesToAClientThatSentFailureReportNo() {
        open(MsrpSessionConfig.DEFAULT);
        relay.leg(RelayLeg.NETWORK).close();
        time.runPending();

        deliver(clientWire, fromClient("c-1", "late").failureReport(org.opencpm.msrp.FailureReport.NO).build());

        assertThat(failureReportTo("c-1")).isNull();
    }
}
