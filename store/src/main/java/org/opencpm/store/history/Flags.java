package org.opencpm.store.history;

/** The flags the CPM Message Storage uses on stored objects (reference §6.5). */
public final class Flags {

    /** RFC 3501: the user has read the object. Sent objects are stored with it; received ones get it on a read report. */
    public static final String SEEN = "\\Seen";

    /** RFC 3503: a display notification was sent for the object. */
    public static final String MDN_SENT = "$MDNSent";

    private Flags() {
    }

    /** Whether {@code flag} is a system flag ({@code \Seen}) or a keyword ({@code $MDNSent}) IMAP can carry. */
    public static boolean isValid(String flag) {
        if (flag == null || flag.isEmpty()) {
            return false;
        }
        for (int i = flag.charAt(0) == '\\' ? 1 : 0; i < flag.length(); i++) {
            char c = flag.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) {
                return false;
            }
        }
        return flag.length() > (flag.charAt(0) == '\\' ? 1 : 0);
    }
}
