package org.opencpm.sip.message;

import org.opencpm.sip.internal.grammar.Scanner;

/** The CSeq header (RFC 3261 §20.16): a sequence number below 2**31 and a method. */
public record CSeq(long sequence, String method) {

    public CSeq {
        if (sequence < 0 || sequence >= (1L << 31)) {
            throw new SipParseException("Bad CSeq: sequence number out of range");
        }
    }

    public static CSeq parse(String text) {
        Scanner sc = new Scanner(text, "CSeq");
        sc.skipLws();
        // Count the digits before converting: RFC 4475 §3.1.2.4 sends a 20-digit number.
        int start = sc.position();
        while (sc.peek() >= '0' && sc.peek() <= '9') {
            sc.next();
        }
        if (sc.position() == start) {
            throw sc.fail("expected digits");
        }
        int len = sc.position() - start;
        long seq = len > 10 ? Long.MAX_VALUE : Long.parseLong(text, start, sc.position(), 10);
        if (seq >= (1L << 31)) {
            throw new SipParseException("Bad CSeq: sequence number out of range", 0);
        }
        int save = sc.position();
        sc.skipLws();
        if (sc.position() == save) {
            throw sc.fail("expected white space after number");
        }
        String method = sc.token();
        sc.skipLws();
        if (!sc.atEnd()) {
            throw sc.fail("unexpected text after method");
        }
        return new CSeq(seq, method);
    }

    @Override
    public String toString() {
        return sequence + " " + method;
    }
}
