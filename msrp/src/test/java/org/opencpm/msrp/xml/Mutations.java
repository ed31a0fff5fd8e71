package org.opencpm.msrp.xml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of a valid body, for robustness tests: every truncation, then random byte
 * flips, insertions of syntax characters and deletions. The same seed gives the same inputs, so a
 * failure names its case.
 */
public final class Mutations {

    private static final byte[] SYNTAX = "<>/=\"'&;:.\r\n \t-!?[]#x0\u00ff".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private Mutations() {
    }

    /** Every prefix of {@code valid} plus {@code count} random mutations from {@code seed}. */
    public static List<byte[]> of(byte[] valid, long seed, int count) {
        List<byte[]> out = new ArrayList<>();
        for (int length = 0; length < valid.length; length++) {
            out.add(Arrays.copyOf(valid, length));
        }
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            byte[] m = valid.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && m.length > 0; e++) {
                int at = random.nextInt(m.length);
                switch (random.nextInt(3)) {
                    case 0 -> m[at] = random.nextBoolean() ? SYNTAX[random.nextInt(SYNTAX.length)]
                            : (byte) random.nextInt(256);
                    case 1 -> {
                        byte[] longer = new byte[m.length + 1];
                        System.arraycopy(m, 0, longer, 0, at);
                        longer[at] = SYNTAX[random.nextInt(SYNTAX.length)];
                        System.arraycopy(m, at, longer, at + 1, m.length - at);
                        m = longer;
                    }
                    default -> {
                        byte[] shorter = new byte[m.length - 1];
                        System.arraycopy(m, 0, shorter, 0, at);
                        System.arraycopy(m, at + 1, shorter, at, m.length - at - 1);
                        m = shorter;
                    }
                }
            }
            out.add(m);
        }
        return out;
    }
}
