package org.opencpm.msrp.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencpm.msrp.MsrpDecoderConfig;
import org.opencpm.msrp.MsrpRequest;
import org.opencpm.msrp.MsrpResponse;
import org.opencpm.msrp.MsrpSessionConfig;
import org.opencpm.msrp.MsrpSessionEvent;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.SetupRole;
import org.opencpm.msrp.internal.grammar.MsrpMessageParser;

/** Matching requests to sessions on a connection (RFC 4975 §5.4, §7.3): binding, 481, 506 and 400. */
class ConnectionRoutingTest {

    private static final MsrpUri STRANGER = MsrpUri.parse("msrp://evil.example.com:1/x;tcp");

    @Test
    void aPassiveSessionIsBoundByTheFirstRequestFromItsPeer() {
        SessionHarness h = new SessionHarness(SetupRole.PASSIVE, MsrpSessionConfig.DEFAULT, List.of());
        MsrpRequest bind = h.peerSend("b").build();

        h.deliver(bind);

        assertThat(h.responseTo(bind).code()).isEqualTo(200);
        assertThat(h.events(MsrpSessionEvent.Connected.class)).hasSize(1);
    }

    @Test
    void aRequestFromAnotherSenderDoesNotBindThePassiveSessionAndIsAnswered481() {
        SessionHarness h = new SessionHarness(SetupRole.PASSIVE, MsrpSessionConfig.DEFAULT, List.of());
        MsrpRequest wrong = h.peerSend("b").fromPath(List.of(STRANGER)).build();

        h.deliver(wrong);

        assertThat(h.responseTo(wrong).code()).isEqualTo(481);
        assertThat(h.events(MsrpSessionEvent.Connected.class)).isEmpty();
    }

    @Test
    void aRequestForABoundSessionFromAnotherSenderIsAnswered481() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT);
        MsrpRequest foreign = h.peerSend("f").fromPath(List.of(STRANGER)).body("text/plain", new byte[1]).build();

        h.deliver(foreign);

        assertThat(h.responseTo(foreign).code()).isEqualTo(481);
        assertThat(h.events(MsrpSessionEvent.MessageReceived.class)).isEmpty();
    }

    @Test
    void aRequestForAnUnknownSessionIsAnswered481() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT);
        MsrpRequest unknown = h.peerSend("u").toPath(List.of(SessionHarness.LOCAL.withSessionId("nosuch"))).build();

        h.deliver(unknown);

        MsrpResponse r = h.responseTo(unknown);
        assertThat(r.code()).isEqualTo(481);
        assertThat(r.toPath()).containsExactly(SessionHarness.REMOTE);
    }

    @Test
    void aSecondConnectionForABoundSessionIsAnswered506() {
        SessionHarness h = new SessionHarness(SetupRole.PASSIVE, MsrpSessionConfig.DEFAULT, List.of());
        h.deliver(h.peerSend("b").build());
        FakeTransport other = new FakeTransport();
        MsrpConnection second = new MsrpConnection(other, h.time, MsrpSessionConfig.DEFAULT, h.registry, () -> { });
        other.connection = second;
        MsrpRequest late = h.peerSend("c").build();

        second.onInbound(late);
        h.time.runPending();

        assertThat(((MsrpResponse) other.take().get(0)).code()).isEqualTo(506);
    }

    @Test
    void anInvalidRequestFromTheDecoderIsAnswered400AndTheConnectionStaysUp() {
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT);
        String wire = ("MSRP bad00001 SEND\nTo-Path: " + SessionHarness.LOCAL + "\nFrom-Path: " + SessionHarness.REMOTE
                + "\nnot a header\n-------bad00001$\n").replace("\n", "\r\n");

        h.deliver(MsrpMessageParser.parse(wire.getBytes(StandardCharsets.UTF_8), 0, MsrpDecoderConfig.DEFAULT).message());

        MsrpResponse r = (MsrpResponse) h.transport.take().get(0);
        assertThat(r.transactionId()).isEqualTo("bad00001");
        assertThat(r.code()).isEqualTo(400);
        assertThat(h.transport.closed).isFalse();
    }

    @Test
    void aResponseGoesBackToThePreviousHopOnly() {
        MsrpUri relay = MsrpUri.parse("msrp://relay.example.net:9000/r1;tcp");
        SessionHarness h = SessionHarness.connected(MsrpSessionConfig.DEFAULT);
        MsrpRequest viaRelay = h.peerSend("v").fromPath(List.of(relay, SessionHarness.REMOTE))
                .body("text/plain", new byte[1]).build();

        h.deliver(viaRelay);

        assertThat(h.responseTo(viaRelay).toPath()).containsExactly(relay);
    }
}
