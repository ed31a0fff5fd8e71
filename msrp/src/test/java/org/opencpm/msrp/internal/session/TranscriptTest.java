package org.opencpm.msrp.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencpm.msrp.MsrpDecoderConfig;
import org.opencpm.msrp.MsrpMessage;
import org.opencpm.msrp.MsrpSessionConfig;
import org.opencpm.msrp.SetupRole;
import org.opencpm.msrp.internal.grammar.MsrpMessageParser;
import org.opencpm.msrp.internal.grammar.MsrpMessageWriter;

/**
 * Runs {@code C:}/{@code S:} transcripts from {@code src/test/resources/msrp/transcripts/} against a passive
 * session that accepts {@code text/plain}: each {@code C:} block is sent by the peer, each {@code S:} block
 * must be the next thing this end writes. Placeholders: {@code {local}}, {@code {remote}} (the session's
 * URIs) and {@code {tid}} (any transaction id, the same within one message).
 */
class TranscriptTest {

    @ParameterizedTest
    @ValueSource(strings = {"chunked-send-with-success-report.txt", "error-responses.txt"})
    void transcriptRunsAsWritten(String name) throws IOException {
        SessionHarness h = new SessionHarness(SetupRole.PASSIVE, MsrpSessionConfig.DEFAULT, List.of("text/plain"));
        List<String> written = new ArrayList<>();
        for (Block block : read(name)) {
            String text = block.text.replace("{local}", SessionHarness.LOCAL.toString())
                    .replace("{remote}", SessionHarness.REMOTE.toString());
            if (block.fromPeer) {
                h.deliver(MsrpMessageParser.parse(text.getBytes(StandardCharsets.UTF_8), 0, MsrpDecoderConfig.DEFAULT)
                        .message());
                for (MsrpMessage m : h.transport.take()) {
                    written.add(new String(MsrpMessageWriter.toBytes(m), StandardCharsets.UTF_8));
                }
            } else {
                assertThat(written).as("%s: nothing written where the transcript expects%n%s", name, text).isNotEmpty();
                String actual = written.remove(0);
                assertThat(actual).as(name).matches(pattern(text));
            }
        }
        assertThat(written).as("%s: written but not in the transcript", name).isEmpty();
    }

    private static Pattern pattern(String expected) {
        String quoted = Pattern.quote(expected).replace("{tid}", "\\E(?<tid>[A-Za-z0-9][A-Za-z0-9.+%=-]{3,31})\\Q");
        int first = quoted.indexOf("(?<tid>");
        if (first >= 0) {
            int second = quoted.indexOf("(?<tid>", first + 1);
            while (second >= 0) {
                int end = quoted.indexOf(')', second);
                quoted = quoted.substring(0, second) + "\\k<tid>" + quoted.substring(end + 1);
                second = quoted.indexOf("(?<tid>", first + 1);
            }
        }
        return Pattern.compile(quoted, Pattern.DOTALL);
    }

    private record Block(boolean fromPeer, String text) {
    }

    /** Consecutive lines with the same prefix form one message; each line is sent with CRLF. */
    private static List<Block> read(String name) throws IOException {
        List<Block> blocks = new ArrayList<>();
        try (InputStream in = TranscriptTest.class.getResourceAsStream("/msrp/transcripts/" + name)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            StringBuilder current = new StringBuilder();
            Boolean fromPeer = null;
            for (String line : lines) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                boolean peer = line.startsWith("C:");
                String content = line.length() > 3 ? line.substring(3) : "";
                current.append(content).append("\r\n");
                fromPeer = peer;
                if (content.startsWith("-------")) {
                    blocks.add(new Block(fromPeer, current.toString()));
                    current.setLength(0);
                }
            }
        }
        return blocks;
    }
}
