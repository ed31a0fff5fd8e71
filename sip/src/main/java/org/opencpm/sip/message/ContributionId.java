package org.opencpm.sip.message;

/**
 * The {@code Contribution-ID} header of OMA CPM (Conversation Functions Appendix C; reference §2.1): identifies
 * one contribution (a message, a file transfer or a session) within its Conversation.
 *
 * <p>The value is an opaque token compared byte-wise (case-sensitive), which record equality does.
 * {@link #parse} refuses empty values, non-token characters and values over 256 characters.
 */
public record ContributionId(String value) {

    public ContributionId {
        CpmToken.check(value, HeaderNames.CONTRIBUTION_ID);
    }

    public static ContributionId parse(String text) {
        return new ContributionId(CpmToken.parse(text, HeaderNames.CONTRIBUTION_ID));
    }

    /** A new identifier: 128 random bits as 32 hex digits. */
    public static ContributionId random() {
        return new ContributionId(CpmToken.random());
    }

    @Override
    public String toString() {
        return value;
    }
}
