package org.opencpm.msrp.internal.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opencpm.msrp.ByteRange;
import org.opencpm.msrp.Fixtures;
import org.opencpm.msrp.MsrpDecoderConfig;
import org.opencpm.msrp.MsrpParseException;
import org.opencpm.msrp.MsrpRequest;
import org.opencpm.msrp.MsrpStatus;

/** The byte-array grammar shared by the stream decoder: what it consumes and what it leaves. */
class MsrpMessageParserTest {

    @Test
    void parsingTwoConcatenatedMessagesConsumesExactlyTheFirst() {
        byte[] first = Fixtures.load("ipv6-cpim.msrp");
        byte[] wire = Fixtures.concat(first, Fixtures.load("rfc4975-response-200.msrp"));

        MsrpMessageParser.Parsed parsed = MsrpMessageParser.parse(wire, 0, MsrpDecoderConfig.DEFAULT);
        MsrpMessageParser.Parsed rest = MsrpMessageParser.parse(wire, parsed.consumed(), MsrpDecoderConfig.DEFAULT);

        assertThat(parsed.consumed()).isEqualTo(first.length);
        assertThat(((MsrpRequest) parsed.message()).contentType()).isEqualTo("message/cpim");
        assertThat(parsed.consumed() + rest.consumed()).isEqualTo(wire.length);
    }

    @Test
    void aBodyContainingAnotherTransactionsEndLineIsKeptWhole() {
        MsrpRequest send = (MsrpRequest) MsrpMessageParser.parse(Fixtures.load("body-with-foreign-end-line.msrp"), 0,
                MsrpDecoderConfig.DEFAULT).message();

        assertThat(new String(send.body(), StandardCharsets.UTF_8))
                .startsWith("quoted:\r\n-------a786hjs2$").endsWith("-------x9k2mm0");
    }

    @Test
    void byteRangeAndStatusValuesFollowTheirRules() {
        assertThat(HeaderGrammar.byteRange("1-*/*")).isEqualTo(new ByteRange(1, -1, -1));
        assertThat(HeaderGrammar.byteRange(" 2049-4096/4096 ")).isEqualTo(new ByteRange(2049, 4096, 4096));
        assertThat(HeaderGrammar.status("000 413 Message too large")).isEqualTo(new MsrpStatus(413, "Message too large"));
        assertThat(HeaderGrammar.status("000 200")).isEqualTo(new MsrpStatus(200, null));
        assertThatThrownBy(() -> HeaderGrammar.byteRange("0-1/1")).isInstanceOf(MsrpParseException.InvalidHeader.class);
        assertThatThrownBy(() -> HeaderGrammar.byteRange("5-3/9")).isInstanceOf(MsrpParseException.InvalidHeader.class);
        assertThatThrownBy(() -> HeaderGrammar.status("200 OK")).isInstanceOf(MsrpParseException.InvalidHeader.class);
    }

    @Test
    void startLinesOfRequestsAndResponsesAreTold() {
        byte[] req = "MSRP a786hjs2 SEND".getBytes(StandardCharsets.US_ASCII);
        byte[] resp = "MSRP a786hjs2 481 Session does not exist".getBytes(StandardCharsets.US_ASCII);

        assertThat(StartLine.parse(req, 0, req.length)).isEqualTo(new StartLine("a786hjs2", "SEND", 0, null));
        assertThat(StartLine.parse(resp, 0, resp.length))
                .isEqualTo(new StartLine("a786hjs2", null, 481, "Session does not exist"));
        byte[] control = "MSRP a786hjs2 200 O\rK".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> StartLine.parse(control, 0, control.length))
                .isInstanceOf(MsrpParseException.InvalidStartLine.class);
        byte[] lower = "MSRP a786hjs2 send".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> StartLine.parse(lower, 0, lower.length))
                .isInstanceOf(MsrpParseException.InvalidStartLine.class);
    }
}
