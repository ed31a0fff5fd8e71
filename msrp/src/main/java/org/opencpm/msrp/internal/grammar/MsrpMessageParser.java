package org.opencpm.msrp.internal.grammar;

import java.util.Arrays;
import org.opencpm.msrp.ContinuationFlag;
import org.opencpm.msrp.MsrpDecoderConfig;
import org.opencpm.msrp.MsrpParseException;

/**
 * Parses one whole MSRP message held in a byte array, with the same grammar and limits as the stream
 * decoder. For tests, fixtures and callers that already have a complete frame.
 */
public final class MsrpMessageParser {

    /**
     * The outcome of {@link #parse}.
     *
     * @param message  an {@link org.opencpm.msrp.MsrpMessage} or an {@link InvalidMsrpMessage}
     * @param consumed how many bytes from {@code offset} the message took, end-line included
     */
    public record Parsed(Object message, int consumed) {
    }

    private MsrpMessageParser() {
    }

    /**
     * Parses the message starting at {@code bytes[offset]}.
     *
     * @throws MsrpParseException if the input is not a complete, framed message
     */
    public static Parsed parse(byte[] bytes, int offset, MsrpDecoderConfig config) {
        MessageAssembler assembler = new MessageAssembler(config);
        int eol = Framing.indexOfCrlf(bytes, offset, bytes.length);
        if (eol < 0 || eol - offset > config.maxStartLineLength()) {
            throw new MsrpParseException.LineTooLong("start line", config.maxStartLineLength());
        }
        StartLine start = assembler.startLine(bytes, offset, eol);
        byte[] endLine = Framing.endLine(start.transactionId());
        int pos = eol + 2;
        while (true) {
            int lineEnd = Framing.indexOfCrlf(bytes, pos, bytes.length);
            if (lineEnd < 0) {
                throw new MsrpParseException.EndLineNotFound(start.transactionId(), bytes.length - offset);
            }
            if (lineEnd == pos) {
                break;
            }
            ContinuationFlag flag = Framing.endLineFlag(bytes, pos, lineEnd, endLine);
            if (flag != null) {
                return new Parsed(assembler.finish(null, flag), lineEnd + 2 - offset);
            }
            if (lineEnd - offset > config.maxHeaderBlockLength() + config.maxStartLineLength()) {
                throw new MsrpParseException.LineTooLong("header block", config.maxHeaderBlockLength());
            }
            assembler.headerLine(bytes, pos, lineEnd);
            pos = lineEnd + 2;
        }
        int bodyStart = pos + 2;
        int search = bodyStart;
        while (true) {
            int at = Framing.indexOf(bytes, search, bytes.length, Framing.bodyEndPattern(endLine));
            if (at < 0 || at + 2 + endLine.length + 3 > bytes.length) {
                throw new MsrpParseException.EndLineNotFound(start.transactionId(), bytes.length - offset);
            }
            ContinuationFlag flag = Framing.endLineFlag(bytes, at + 2, at + 2 + endLine.length + 1, endLine);
            boolean crlf = bytes[at + 2 + endLine.length + 1] == '\r' && bytes[at + 2 + endLine.length + 2] == '\n';
            if (flag != null && crlf) {
                if (at - bodyStart > config.maxChunkSize()) {
                    assembler.fail(new MsrpParseException.ChunkTooLarge(config.maxChunkSize()));
                }
                byte[] body = Arrays.copyOfRange(bytes, bodyStart, at);
                return new Parsed(assembler.finish(body, flag), at + 2 + endLine.length + 3 - offset);
            }
            search = at + 1;
        }
    }
}
