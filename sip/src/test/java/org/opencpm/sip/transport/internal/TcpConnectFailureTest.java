package org.opencpm.sip.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencpm.sip.message.SipRequest;
import org.opencpm.sip.message.SipUri;
import org.opencpm.sip.transport.Target;
import org.opencpm.sip.transport.Transport;
import org.opencpm.sip.transport.netty.NettySipTransportConfig;

/**
 * An outbound TCP connect whose future has failed before {@code connect()} returns, as when the socket
 * cannot even be opened (EMFILE under a connection flood). Reproduced on an embedded event loop, which a
 * NIO channel cannot register with: its connect future fails at once and its channel never closes.
 */
class TcpConnectFailureTest {

    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final SipTransportEngine engine = new SipTransportEngine(
            NettySipTransportConfig.builder().listen("tcp:127.0.0.1:0").maxTcpConnections(2).build(), loop.eventLoop());

    @AfterEach
    void tearDown() {
        loop.finishAndReleaseAll();
    }

    private static SipRequest options(String callId) {
        return SipRequest.builder("OPTIONS", SipUri.parse("sip:peer@127.0.0.1"))
                .add("Via", "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK" + callId)
                .add("Max-Forwards", 70)
                .add("To", "<sip:peer@127.0.0.1>")
                .add("From", "<sip:cpm@127.0.0.1>;tag=abc")
                .add("Call-ID", callId)
                .add("CSeq", "1 OPTIONS")
                .build();
    }

    @Test
    void theMessageFailsAndTheConnectionSlotIsGivenBack() {
        List<String> failures = new ArrayList<>();

        for (int i = 0; i < 3; i++) {
            engine.send(options("c" + i), Target.of(Transport.TCP, "127.0.0.1", 5060 + i), failures::add);
            loop.runPendingTasks();
        }

        assertThat(failures).as("each send told of its failed connect").hasSize(3)
                .allSatisfy(reason -> assertThat(reason).contains("connect to /127.0.0.1"));
        assertThat(engine.openConnections()).as("no slot held by a connection that never existed").isZero();
    }
}
