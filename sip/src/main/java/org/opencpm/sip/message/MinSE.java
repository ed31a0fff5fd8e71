package org.opencpm.sip.message;

import org.opencpm.sip.internal.grammar.Scanner;

/**
 * The Min-SE header (RFC 4028 §5): the smallest session interval the sender accepts.
 * {@code Min-SE = "Min-SE" HCOLON delta-seconds *(SEMI generic-param)}.
 */
public record MinSE(long deltaSeconds, Parameters params) {

    /** RFC 4028 §4: the minimum may not be below 90 seconds. */
    public static final long LOWEST = 90;

    public static MinSE of(long deltaSeconds) {
        return new MinSE(deltaSeconds, Parameters.EMPTY);
    }

    public static MinSE parse(String text) {
        Scanner sc = new Scanner(text, HeaderNames.MIN_SE);
        long delta = DeltaSeconds.parse(sc);
        Parameters params = Parameters.parse(sc, true);
        DeltaSeconds.end(sc);
        return new MinSE(delta, params);
    }

    @Override
    public String toString() {
        return deltaSeconds + params.toString();
    }
}
