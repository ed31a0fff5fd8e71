package org.opencpm.sip.message;

import org.opencpm.sip.internal.grammar.Chars;
import org.opencpm.sip.internal.grammar.Scanner;

/** delta-seconds = 1*DIGIT (RFC 3261 §25.1), for the typed headers that start with one. */
final class DeltaSeconds {

    static final long MAX = 0xFFFFFFFFL;

    private DeltaSeconds() {
    }

    /** Skips leading LWS and reads delta-seconds; values beyond 2**32-1 read as 2**32-1 (RFC 3261 §20.19). */
    static long parse(Scanner sc) {
        sc.skipLws();
        int start = sc.position();
        while (Chars.isDigit(sc.peek())) {
            sc.next();
        }
        if (sc.position() == start) {
            throw sc.fail("expected delta-seconds");
        }
        String s = sc.input();
        return sc.position() - start > 10 ? MAX : Math.min(Long.parseLong(s, start, sc.position(), 10), MAX);
    }

    static void end(Scanner sc) {
        sc.skipLws();
        if (!sc.atEnd()) {
            throw sc.fail("unexpected '" + (char) sc.peek() + "'");
        }
    }
}
