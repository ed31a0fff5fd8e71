package org.opencpm.sip.message;

/**
 * The {@code Conversation-ID} header of OMA CPM (Conversation Functions Appendix C; reference §2.1): identifies
 * the CPM Conversation; globally unique, long-lived (the group identity in CPM).
 *
 * <p>The value is an opaque token compared byte-wise (case-sensitive), which record equality does.
 * {@link #parse} refuses empty values, non-token characters and values over 256 characters.
 */
public record ConversationId(String value) {

    public ConversationId {
        CpmToken.check(value, HeaderNames.CONVERSATION_ID);
    }

    public static ConversationId parse(String text) {
        return new ConversationId(CpmToken.parse(text, HeaderNames.CONVERSATION_ID));
    }

    /** A new identifier: 128 random bits as 32 hex digits. */
    public static ConversationId random() {
        return new ConversationId(CpmToken.random());
    }

    @Override
    public String toString() {
        return value;
    }
}
