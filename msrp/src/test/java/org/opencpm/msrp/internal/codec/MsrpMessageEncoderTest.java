package org.opencpm.msrp.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencpm.msrp.ByteRange;
import org.opencpm.msrp.ContinuationFlag;
import org.opencpm.msrp.MsrpHeaders;
import org.opencpm.msrp.MsrpMessage;
import org.opencpm.msrp.MsrpRequest;
import org.opencpm.msrp.MsrpResponse;
import org.opencpm.msrp.MsrpUri;
import org.opencpm.msrp.internal.grammar.MsrpMessageWriter;

/** The encoder writes the RFC 4975 §9 wire form byte for byte as the reference writer does. */
class MsrpMessageEncoderTest {

    private static final MsrpUri A = MsrpUri.parse("msrp://a.example.com:7654/jshA7weztas;tcp");
    private static final MsrpUri B = MsrpUri.parse("msrp://[2001:db8::1]:8888/9di4eae923wzd;tcp");

    private static byte[] encode(MsrpMessage m) {
        EmbeddedChannel ch = new EmbeddedChannel(new MsrpMessageEncoder());
        ch.writeOutbound(m);
        ByteBuf out = ch.readOutbound();
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        assertThat(ch.finish()).isFalse();
        return bytes;
    }

    @Test
    void requestsWithAndWithoutBodyAndResponsesAreWrittenAsTheWriterWritesThem() {
        byte[] body = "Hi, I'm Alice! – ünïcødé".getBytes(StandardCharsets.UTF_8);
        List<MsrpMessage> messages = List.of(
                MsrpRequest.builder(MsrpRequest.SEND).transactionId("a786hjs2").toPath(List.of(B)).fromPath(List.of(A))
                        .messageId("87652491").byteRange(ByteRange.whole(body.length)).successReport(true)
                        .header("X-Note", "héllo wörld").body("text/plain", body).build(),
                MsrpRequest.builder(MsrpRequest.SEND).transactionId("dkei38sd").toPath(List.of(A, B)).fromPath(List.of(A))
                        .messageId("1").body("text/plain", new byte[0]).flag(ContinuationFlag.MORE).build(),
                MsrpRequest.builder(MsrpRequest.SEND).transactionId("bind0001").toPath(List.of(B)).fromPath(List.of(A))
                        .messageId("x").build(),
                MsrpResponse.of("a786hjs2", 200, "OK", List.of(A), List.of(B)),
                MsrpResponse.of("a786hjs2", 481, null, List.of(A), List.of(B)),
                new MsrpResponse("a786hjs2", 415, "type n’est pas accepté", MsrpHeaders.EMPTY
                        .with(MsrpHeaders.TO_PATH, A.toString()).with(MsrpHeaders.FROM_PATH, B.toString())));
        for (MsrpMessage m : messages) {
            assertThat(new String(encode(m), StandardCharsets.UTF_8)).as(m.toString())
                    .isEqualTo(new String(MsrpMessageWriter.toBytes(m), StandardCharsets.UTF_8));
        }
    }
}
