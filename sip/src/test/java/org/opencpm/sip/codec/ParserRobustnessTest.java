package org.opencpm.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input never escapes the parser as an exception and never makes it loop: every truncation of
 * every RFC 4475 torture message, and seeded random byte mutations of each, go through
 * {@link SipMessageParser#parseDatagram} and through the stream path
 * ({@link SipMessageParser#findHeadEnd}, {@link SipMessageParser#parseHead},
 * {@link SipMessageParser#complete}); each must return a result.
 */
class ParserRobustnessTest {

    private static final int MUTATIONS_PER_MESSAGE = 100;
    private static final byte[] INTERESTING = " \t\r\n:;,<>\"\\%@=/0\u0000\u00ff".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private final SipMessageParser parser = new SipMessageParser();

    static java.util.stream.Stream<String> names() {
        return TortureTest.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void everyTruncationReturnsAResult(String name) {
        byte[] full = TortureTest.load(name);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int len = 0; len <= full.length; len++) {
                byte[] b = Arrays.copyOf(full, len);
                check(b, name + " truncated to " + len);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void seededRandomMutationsReturnAResult(String name) {
        byte[] full = TortureTest.load(name);
        Random rnd = new Random(name.hashCode() * 31L + 4475);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < MUTATIONS_PER_MESSAGE; i++) {
                byte[] b = mutate(full, rnd);
                check(b, name + " mutation " + i);
            }
        });
    }

    private static byte[] mutate(byte[] in, Random rnd) {
        byte[] b = in.clone();
        int edits = 1 + rnd.nextInt(8);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(5)) {
                case 0 -> b[at] = (byte) rnd.nextInt(256);
                case 1 -> b[at] = INTERESTING[rnd.nextInt(INTERESTING.length)];
                case 2 -> { // delete a run
                    int n = Math.min(b.length - at, 1 + rnd.nextInt(16));
                    byte[] c = new byte[b.length - n];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + n, c, at, b.length - at - n);
                    b = c;
                }
                case 3 -> { // duplicate a run
                    int n = Math.min(b.length - at, 1 + rnd.nextInt(32));
                    byte[] c = new byte[b.length + n];
                    System.arraycopy(b, 0, c, 0, at + n);
                    System.arraycopy(b, at, c, at + n, b.length - at);
                    b = c;
                }
                default -> b[at] = (byte) Character.toUpperCase((char) (b[at] & 0xff));
            }
        }
        return b;
    }

    private void check(byte[] b, String what) {
        ParseResult r = parser.parseDatagram(b, 0, b.length);
        assertThat(r).as(what).isNotNull();
        if (r instanceof ParseResult.Parsed p) {
            // what the parser accepts, the writer must write and the parser accept again
            byte[] out = p.message().toBytes();
            assertThat(parser.parseDatagram(out, 0, out.length)).as(what + " reparsed").isInstanceOf(ParseResult.Parsed.class);
        }
        int headEnd = SipMessageParser.findHeadEnd(b, 0, b.length);
        if (headEnd < 0) {
            return;
        }
        SipMessageParser.Head head = parser.parseHead(b, 0, headEnd);
        if (head == null) {
            return;
        }
        int available = b.length - headEnd;
        int len = head.contentLength() < 0 ? available : Math.min(head.contentLength(), available);
        assertThat(parser.complete(head, Arrays.copyOfRange(b, headEnd, headEnd + len))).as(what + " stream path").isNotNull();
    }
}
