package org.opencpm.msrp.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.msrp.FailureReport;
import org.opencpm.msrp.OutgoingMessage;

/** The chunker's own end-line check (RFC 4975 §7.1), against a plain search, at every offset and chunk bound. */
class OutgoingQueueTest {

    private static final String TID = "a786hjs2";

    private static OutgoingQueue.Chunk chunk(byte[] body, int offset, int length) {
        OutgoingMessage m = new OutgoingMessage("m1", "text/plain", body, false, FailureReport.YES);
        return new OutgoingQueue.Chunk(new OutgoingQueue.Tracked(m, 1), offset, length, true);
    }

    private static boolean naive(byte[] body, int offset, int length, String tid) {
        byte[] p = ("-------" + tid).getBytes(StandardCharsets.US_ASCII);
        for (int i = offset; i + p.length <= offset + length; i++) {
            if (Arrays.equals(body, i, i + p.length, p, 0, p.length)) {
                return true;
            }
        }
        return false;
    }

    @Test
    @DisplayName("RFC 4975 §7.1: the end-line is found at every offset of the chunk, and only inside the chunk")
    void theEndLineIsFoundAtEveryOffsetAndOnlyInsideTheChunk() {
        byte[] endLine = ("-------" + TID).getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at + endLine.length <= 64; at++) {
            byte[] body = new byte[64];
            Arrays.fill(body, (byte) 'x');
            System.arraycopy(endLine, 0, body, at, endLine.length);
            for (int offset = 0; offset < 64; offset += 5) {
                for (int length = 0; offset + length <= 64; length += 3) {
                    assertThat(OutgoingQueue.containsEndLine(chunk(body, offset, length), TID))
                            .as("end-line at %d, chunk %d+%d", at, offset, length)
                            .isEqualTo(naive(body, offset, length, TID));
                }
            }
        }
    }

    @Test
    void runsOfDashesAndOtherIdsAreNotTakenForTheEndLine() {
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 2000; round++) {
            byte[] body = new byte[40 + random.nextInt(60)];
            for (int i = 0; i < body.length; i++) {
                body[i] = (byte) "-------a786hjs2x".charAt(random.nextInt(16));
            }
            assertThat(OutgoingQueue.containsEndLine(chunk(body, 0, body.length), TID))
                    .as(new String(body, StandardCharsets.US_ASCII)).isEqualTo(naive(body, 0, body.length, TID));
        }
        byte[] dashes = "----------------a786hjs".getBytes(StandardCharsets.US_ASCII);
        assertThat(OutgoingQueue.containsEndLine(chunk(dashes, 0, dashes.length), TID)).isFalse();
    }
}
