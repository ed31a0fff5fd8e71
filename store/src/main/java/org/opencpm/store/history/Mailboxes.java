package org.opencpm.store.history;

import java.util.Locale;

/**
 * Names the mailbox owner from a CPM user's address. {@code sip:alice@example.com} and
 * {@code alice@example.com} are the same owner: the scheme and any URI parameters are dropped and the
 * rest lower-cased, because Dovecot refuses {@code :} in user names (reference §15) and a user's
 * mailbox must not depend on how one request spelled the address.
 */
public final class Mailboxes {

    private Mailboxes() {
    }

    /** The mailbox owner (the IMAP user name) of the CPM address {@code address}. */
    public static String owner(String address) {
        String a = address.trim();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        int colon = a.indexOf(':');
        if (colon > 0 && a.substring(0, colon).matches("(?i)sips?|tel|im|pres|mailto")) {
            a = a.substring(colon + 1);
        }
        int end = a.length();
        for (char c : new char[] {';', '?', '>'}) {
            int i = a.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        a = a.substring(0, end).toLowerCase(Locale.ROOT);
        if (a.isEmpty() || a.chars().anyMatch(c -> c <= 0x20 || c == '/' || c == '"' || c == '\\' || c >= 0x7f)) {
            throw new IllegalArgumentException("'" + address + "' does not name a mailbox owner");
        }
        return a;
    }
}
