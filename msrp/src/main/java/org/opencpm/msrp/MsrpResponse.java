package org.opencpm.msrp;

import java.util.List;
import java.util.Objects;
import org.opencpm.msrp.internal.grammar.HeaderGrammar;
import org.opencpm.msrp.internal.grammar.UriGrammar;

/**
 * An MSRP transaction response (RFC 4975 §7.2): {@code MSRP transact-id code [comment]}, no body.
 *
 * <p>Build one with {@link MsrpRequest#createResponse(int, String)}, which addresses it to the previous
 * hop as §7.2 requires.
 */
public final class MsrpResponse implements MsrpMessage {

    private final String transactionId;
    private final int code;
    private final String comment;
    private final MsrpHeaders headers;
    // Parsed on first use; racy single-check is safe because the lists are immutable.
    private List<MsrpUri> toPath;
    private List<MsrpUri> fromPath;

    /**
     * @param comment the reason text, or {@code null} for none
     * @throws IllegalArgumentException if the transaction id or the code is malformed
     */
    public MsrpResponse(String transactionId, int code, String comment, MsrpHeaders headers) {
        if (!HeaderGrammar.isTransactionId(transactionId)) {
            throw new IllegalArgumentException("not a transact-id: " + transactionId);
        }
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("status code must have three digits: " + code);
        }
        if (comment != null && (comment.indexOf('\r') >= 0 || comment.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("comment contains CR or LF");
        }
        this.transactionId = transactionId;
        this.code = code;
        this.comment = comment == null || comment.isEmpty() ? null : comment;
        this.headers = Objects.requireNonNull(headers, "headers");
    }

    /** A response with just To-Path and From-Path. */
    public static MsrpResponse of(String transactionId, int code, String comment, List<MsrpUri> toPath,
                                  List<MsrpUri> fromPath) {
        MsrpHeaders headers = MsrpHeaders.EMPTY
                .with(MsrpHeaders.TO_PATH, UriGrammar.formatPath(toPath))
                .with(MsrpHeaders.FROM_PATH, UriGrammar.formatPath(fromPath));
        return new MsrpResponse(transactionId, code, comment, headers);
    }

    @Override
    public String transactionId() {
        return transactionId;
    }

    public int code() {
        return code;
    }

    /** The comment after the code, or {@code null}. */
    public String comment() {
        return comment;
    }

    @Override
    public List<MsrpUri> toPath() {
        List<MsrpUri> p = toPath;
        if (p == null) {
            p = HeaderGrammar.path(headers, MsrpHeaders.TO_PATH);
            toPath = p;
        }
        return p;
    }

    @Override
    public List<MsrpUri> fromPath() {
        List<MsrpUri> p = fromPath;
        if (p == null) {
            p = HeaderGrammar.path(headers, MsrpHeaders.FROM_PATH);
            fromPath = p;
        }
        return p;
    }

    @Override
    public MsrpHeaders headers() {
        return headers;
    }

    public boolean isSuccess() {
        return code == MsrpStatusCodes.OK;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MsrpResponse)) {
            return false;
        }
        MsrpResponse r = (MsrpResponse) o;
        return r.code == code && r.transactionId.equals(transactionId) && Objects.equals(r.comment, comment)
                && r.headers.equals(headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(transactionId, code);
    }

    @Override
    public String toString() {
        return "MSRP " + transactionId + " " + code + (comment == null ? "" : " " + comment);
    }
}
