package org.opencpm.sip.message;

/**
 * The {@code InReplyTo-Contribution-ID} header of OMA CPM (Conversation Functions Appendix C; reference §2.1): identifies
 * the Contribution-ID of the item a reply answers; present only on replies.
 *
 * <p>The value is an opaque token compared byte-wise (case-sensitive), which record equality does.
 * {@link #parse} refuses empty values, non-token characters and values over 256 characters.
 */
public record InReplyToContributionId(String value) {

    public InReplyToContributionId {
        CpmToken.check(value, HeaderNames.IN_REPLY_TO_CONTRIBUTION_ID);
    }

    public static InReplyToContributionId parse(String text) {
        return new InReplyToContributionId(CpmToken.parse(text, HeaderNames.IN_REPLY_TO_CONTRIBUTION_ID));
    }

    /** A new identifier: 128 random bits as 32 hex digits. */
    public static InReplyToContributionId random() {
        return new InReplyToContributionId(CpmToken.random());
    }

    @Override
    public String toString() {
        return value;
    }
}
