package org.opencpm.msrp.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencpm.common.time.VirtualScheduler;
import org.opencpm.msrp.LossCause;
import org.opencpm.msrp.MsrpDecoderConfig;
import org.opencpm.msrp.MsrpResponse;
import org.opencpm.msrp.MsrpSessionConfig;
import org.opencpm.msrp.MsrpSessionEvent;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.SetupRole;
import org.opencpm.msrp.internal.grammar.MsrpMessageParser;
import org.opencpm.msrp.internal.session.Ids;
import org.opencpm.msrp.internal.session.RealMsrpSession;
import org.opencpm.msrp.internal.session.SessionRegistry;

/**
 * The whole channel pipeline (decoder, encoder, connection handler, connection, session) in an
 * {@link EmbeddedChannel}, with the connection and session on virtual time: the chunk timeout and the
 * unbound-connection timeout fire at exact instants, with the real codec deciding what is mid-frame.
 */
class PipelineOnVirtualTimeTest {

    private static final MsrpUri LOCAL = MsrpUri.parse("msrp://127.0.0.1:2855/local1;tcp");
    private static final MsrpUri REMOTE = MsrpUri.parse("msrp://127.0.0.1:40000/remote1;tcp");

    private final VirtualScheduler time = new VirtualScheduler();
    private final SessionRegistry registry = new SessionRegistry();
    private final List<MsrpSessionEvent> events = new ArrayList<>();

    private EmbeddedChannel acceptedChannel() {
        return new EmbeddedChannel(new MsrpChannelInitializer(MsrpSessionConfig.DEFAULT, registry, ch -> () -> { },
                true, ch -> time));
    }

    private void passiveSession() {
        new RealMsrpSession(LOCAL, List.of(REMOTE), List.of(), SetupRole.PASSIVE, MsrpSessionConfig.DEFAULT, time,
                events::add, registry, (hop, s) -> { }, new Ids(1)).start();
        time.runPending();
    }

    private static ByteBuf wire(String text) {
        return Unpooled.copiedBuffer(text.replace("\n", "\r\n"), StandardCharsets.UTF_8);
    }

    private static String send(String tid, String body) {
        return "MSRP " + tid + " SEND\nTo-Path: " + LOCAL + "\nFrom-Path: " + REMOTE + "\nMessage-ID: " + tid + "\n"
                + (body == null ? "" : "Content-Type: text/plain\n\n" + body + "\n") + "-------" + tid + "$\n";
    }

    private static MsrpResponse readResponse(EmbeddedChannel ch) {
        ByteBuf out = ch.readOutbound();
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        return (MsrpResponse) MsrpMessageParser.parse(bytes, 0, MsrpDecoderConfig.DEFAULT).message();
    }

    @Test
    void aChunkLeftUnfinishedClosesTheChannelAtExactlyTheChunkTimeout() {
        passiveSession();
        EmbeddedChannel ch = acceptedChannel();
        ch.writeInbound(wire(send("bind0001", null)));
        time.runPending();
        assertThat(readResponse(ch).code()).isEqualTo(200);
        time.advance(Duration.ofSeconds(5));

        ch.writeInbound(wire(send("half0001", "a body that stops").substring(0, 140)));
        time.advance(Duration.ofMillis(29_999));
        assertThat(ch.isOpen()).isTrue();
        time.advance(Duration.ofMillis(1));

        assertThat(ch.isOpen()).isFalse();
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(35));
        assertThat(events).filteredOn(e -> e instanceof MsrpSessionEvent.ConnectionLost).singleElement()
                .satisfies(e -> assertThat(((MsrpSessionEvent.ConnectionLost) e).cause()).isEqualTo(LossCause.CHUNK_TIMEOUT));
    }

    @Test
    void aChunkThatCompletesInTimeCancelsTheChunkTimer() {
        passiveSession();
        EmbeddedChannel ch = acceptedChannel();
        ch.writeInbound(wire(send("bind0001", null)));
        time.runPending();
        String whole = send("full0001", "complete body");
        ch.writeInbound(wire(whole.substring(0, 100)));
        time.advance(Duration.ofSeconds(29));
        ch.writeInbound(wire(whole.substring(100)));
        time.runPending();

        time.advance(Duration.ofSeconds(60));

        assertThat(ch.isOpen()).isTrue();
        assertThat(events).filteredOn(e -> e instanceof MsrpSessionEvent.MessageReceived).hasSize(1);
    }

    @Test
    void anAcceptedConnectionThatBindsNoSessionIsClosedAtTheConnectTimeout() {
        EmbeddedChannel ch = acceptedChannel();

        time.advance(Duration.ofMillis(9_999));
        assertThat(ch.isOpen()).isTrue();
        time.advance(Duration.ofMillis(1));

        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void aFramingErrorClosesTheChannelAndTheSessionLosesIt() {
        passiveSession();
        EmbeddedChannel ch = acceptedChannel();
        ch.writeInbound(wire(send("bind0001", null)));
        time.runPending();
        ch.readOutbound();

        ch.writeInbound(wire("GARBAGE LINE\n"));
        time.runPending();

        assertThat(ch.isOpen()).isFalse();
        assertThat(events).filteredOn(e -> e instanceof MsrpSessionEvent.ConnectionLost).singleElement()
                .satisfies(e -> assertThat(((MsrpSessionEvent.ConnectionLost) e).cause()).isEqualTo(LossCause.FRAMING_ERROR));
    }
}
