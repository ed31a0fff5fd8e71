package org.opencpm.sip.message;

/**
 * The {@code Message-UID} header of OMA CPM (reference §2.3). Its format is not confirmed yet (it is
 * believed to carry the IMAP UID of a stored object), so it is kept as an opaque token.
 */
public record MessageUid(String value) {

    public MessageUid {
        CpmToken.check(value, HeaderNames.MESSAGE_UID);
    }

    public static MessageUid parse(String text) {
        return new MessageUid(CpmToken.parse(text, HeaderNames.MESSAGE_UID));
    }

    @Override
    public String toString() {
        return value;
    }
}
