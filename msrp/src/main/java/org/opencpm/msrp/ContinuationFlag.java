package org.opencpm.msrp;

/** The flag that ends an MSRP end-line (RFC 4975 §7.1): whether more chunks of the message follow. */
public enum ContinuationFlag {
    /** {@code $}: this chunk ends the message. */
    COMPLETE('$'),
    /** {@code +}: more chunks of this message follow. */
    MORE('+'),
    /** {@code #}: the sender aborted the message; the receiver discards it. */
    ABORTED('#');

    private final char symbol;

    ContinuationFlag(char symbol) {
        this.symbol = symbol;
    }

    /** The character written on the wire. */
    public char symbol() {
        return symbol;
    }

    /** The flag for a wire character, or {@code null} if the character is not a continuation flag. */
    public static ContinuationFlag of(int symbol) {
        switch (symbol) {
            case '$': return COMPLETE;
            case '+': return MORE;
            case '#': return ABORTED;
            default: return null;
        }
    }
}
