package org.opencpm.sip.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencpm.sip.codec.SipDecoderConfig;
import org.opencpm.sip.transport.Inbound;
import org.opencpm.sip.transport.netty.NettySipTransportConfig;

/**
 * The TCP pipeline as the engine assembles it, on an EmbeddedChannel with frozen time: the head
 * timeout and the idle timeout fire at exact instants; pings get pongs; faults get answers and close.
 */
class TcpPipelineTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);
    private static final String MESSAGE = SipStreamDecoderTest.MESSAGE;

    private EmbeddedChannel ch;
    private final List<Inbound> inbound = new ArrayList<>();

    @BeforeEach
    void setUp() {
        ch = new EmbeddedChannel();
        ch.freezeTime();
        NettySipTransportConfig config = NettySipTransportConfig.builder().listen("tcp:127.0.0.1:0")
                .tcpHeadTimeout(Duration.ofMillis(300)).tcpIdleTimeout(Duration.ofSeconds(1))
                .decoder(new SipDecoderConfig(4096, 1024, 64, 10)).build();
        SipTransportEngine engine = new SipTransportEngine(config, ch.eventLoop());
        engine.setHandler(inbound::add);
        TcpConnection c = new TcpConnection(PEER, false);
        c.attach(ch);
        engine.initPipeline(ch, c);
    }

    private void write(String s) {
        ch.writeInbound(Unpooled.copiedBuffer(s, StandardCharsets.UTF_8));
    }

    private void advance(long millis) {
        ch.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
    }

    private String readOutbound() {
        ByteBuf b = ch.readOutbound();
        try {
            return b.toString(StandardCharsets.UTF_8);
        } finally {
            b.release();
        }
    }

    @Test
    void aMessageLeftIncompleteClosesTheConnectionExactlyAtTheHeadTimeout() {
        write(MESSAGE.substring(0, 40));
        advance(150);
        write(MESSAGE.substring(40, 80)); // trickling more bytes does not restart the clock
        advance(149);
        assertThat(ch.isOpen()).isTrue();
        advance(1);
        assertThat(ch.isOpen()).isFalse();
        assertThat(inbound).isEmpty();
    }

    @Test
    void aMessageCompletedInTimeCancelsTheHeadTimeout() {
        write(MESSAGE.substring(0, 40));
        advance(200);
        write(MESSAGE.substring(40));
        advance(500);
        assertThat(ch.isOpen()).isTrue();
        assertThat(inbound).hasSize(1);
        assertThat(inbound.get(0).flow().remote()).isEqualTo(PEER);
    }

    @Test
    void pipelinedMessagesThatKeepCompletingRestartTheHeadTimeout() {
        write(MESSAGE + MESSAGE.substring(0, 40));
        advance(250);
        // The second message completes and a third starts: the clock restarts for the third.
        write(MESSAGE.substring(40) + MESSAGE.substring(0, 40));
        advance(299);
        assertThat(ch.isOpen()).isTrue();
        assertThat(inbound).hasSize(2);
        advance(1);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void anIdleConnectionClosesExactlyAtTheIdleTimeout() {
        write(MESSAGE);
        advance(999);
        assertThat(ch.isOpen()).isTrue();
        advance(1);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void aPingGetsAPong() {
        write("\r\n\r\n");
        assertThat(readOutbound()).isEqualTo("\r\n");
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void anOverLongHeadIsAnsweredWith513AndTheConnectionClosed() {
        write(MESSAGE.replace("Content-Type: text/plain", "Subject: " + "x".repeat(1200)));
        String answer = readOutbound();
        assertThat(answer).startsWith("SIP/2.0 513 Message Too Large\r\n").contains("Call-ID: a84b4c76e66710")
                .contains(";rport=40000;received=127.0.0.1\r\n");
        assertThat(ch.isOpen()).isFalse();
        assertThat(ch.finish()).isFalse();
    }
}
