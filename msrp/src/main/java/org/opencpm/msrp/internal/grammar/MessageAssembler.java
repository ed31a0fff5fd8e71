package org.opencpm.msrp.internal.grammar;

import java.util.ArrayList;
import java.util.List;
import org.opencpm.msrp.ContinuationFlag;
import org.opencpm.msrp.MsrpDecoderConfig;
import org.opencpm.msrp.MsrpHeaders;
import org.opencpm.msrp.MsrpParseException;
import org.opencpm.msrp.MsrpRequest;
import org.opencpm.msrp.MsrpResponse;

/**
 * Builds one message from the parts a framer has found: the start line, each header line, then the
 * body and the end-line flag. Shared by the Netty stream decoder and {@link MsrpMessageParser}, so both
 * apply the same grammar and limits. Not thread-safe; {@link #reset()} between messages.
 */
public final class MessageAssembler {

    private final MsrpDecoderConfig config;
    /** The current message's fields; made per message, so that an idle connection holds no list. */
    private List<MsrpHeaders.Field> fields;
    private StartLine startLine;
    private MsrpParseException failure;

    public MessageAssembler(MsrpDecoderConfig config) {
        this.config = config;
    }

    /** Parses the start line {@code line[from, to)}; throws a fatal exception if it is malformed. */
    public StartLine startLine(byte[] line, int from, int to) {
        startLine = StartLine.parse(line, from, to);
        return startLine;
    }

    public StartLine startLine() {
        return startLine;
    }

    /** Adds the header line {@code line[from, to)}; a malformed line marks the message invalid. */
    public void headerLine(byte[] line, int from, int to) {
        if (failure != null) {
            return;
        }
        if (fields == null) {
            fields = new ArrayList<>(8);
        }
        if (fields.size() >= config.maxHeaderCount()) {
            failure = new MsrpParseException.TooManyHeaders(config.maxHeaderCount());
            return;
        }
        try {
            fields.add(HeaderGrammar.headerLine(line, from, to));
        } catch (MsrpParseException e) {
            failure = e;
        }
    }

    /** Marks the message invalid, e.g. when its chunk is too large. */
    public void fail(MsrpParseException cause) {
        if (failure == null) {
            failure = cause;
        }
    }

    /**
     * The finished message, or an {@link InvalidMsrpMessage} if a part was malformed.
     *
     * @param body the body, or {@code null} if the headers ended with the end-line
     */
    public Object finish(byte[] body, ContinuationFlag flag) {
        MsrpHeaders headers = fields == null ? MsrpHeaders.EMPTY : MsrpHeaders.of(fields);
        if (failure == null && !startLine.isRequest() && (body != null || flag != ContinuationFlag.COMPLETE)) {
            failure = new MsrpParseException.InvalidHeader("a response has a body or a continuation flag other than $", -1);
        }
        if (failure != null) {
            return new InvalidMsrpMessage(startLine, headers, failure);
        }
        if (!startLine.isRequest()) {
            return new MsrpResponse(startLine.transactionId(), startLine.code(), startLine.comment(), headers);
        }
        MsrpRequest.Builder b = MsrpRequest.builder(startLine.method())
                .transactionId(startLine.transactionId()).headers(headers).flag(flag);
        if (body != null) {
            b.adoptBody(body);
        }
        return b.build();
    }

    /** Forgets the current message. */
    public void reset() {
        fields = null;
        startLine = null;
        failure = null;
    }
}
