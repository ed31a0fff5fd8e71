package org.opencpm.msrp.internal.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.opencpm.msrp.ContinuationFlag;
import org.opencpm.msrp.MsrpDecoderConfig;
import org.opencpm.msrp.MsrpParseException;
import org.opencpm.msrp.internal.grammar.Framing;
import org.opencpm.msrp.internal.grammar.MessageAssembler;
import org.opencpm.msrp.internal.grammar.StartLine;

/**
 * Splits a TCP byte stream into MSRP messages (RFC 4975 §7.1). A codec only: it turns bytes into
 * {@link org.opencpm.msrp.MsrpMessage}s and {@link org.opencpm.msrp.internal.grammar.InvalidMsrpMessage}s
 * and decides nothing about them.
 *
 * <p>States: {@code START_LINE} → {@code HEADERS} → ({@code BODY} | {@code DISCARD_BODY}) → {@code START_LINE};
 * any fatal error → {@code BROKEN}, where all further input is dropped. The body ends at the first
 * CRLF + {@code "-------"} + transact-id + flag + CRLF, which may arrive split over any number of reads;
 * the search resumes where it stopped, so a large body is scanned once.
 *
 * <p>Limits come from {@link MsrpDecoderConfig}; its Javadoc lists each one and what happens when it is
 * exceeded. Output owns plain {@code byte[]} bodies: no {@link ByteBuf} leaves this decoder.
 * Pipeline position: first, before {@link MsrpMessageEncoder} and the connection handler. One per channel.
 */
public final class MsrpFrameDecoder extends ByteToMessageDecoder {

    private enum State { START_LINE, HEADERS, BODY, DISCARD_BODY, BROKEN }

    private final MsrpDecoderConfig config;
    private final MessageAssembler assembler;
    private State state = State.START_LINE;
    private int headerBlockLength;
    private byte[] endLine;
    private byte[] bodyEnd;
    private int searchOffset;
    private long discarded;
    private ContinuationFlag foundFlag;

    public MsrpFrameDecoder(MsrpDecoderConfig config) {
        this.config = config;
        this.assembler = new MessageAssembler(config);
    }

    /** True while part of a message has been read but not all of it; used for the chunk timeout. */
    public boolean isMidFrame() {
        return state != State.START_LINE || (internalBuffer() != null && internalBuffer().isReadable());
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            while (in.isReadable()) {
                boolean progress;
                switch (state) {
                    case START_LINE: progress = readStartLine(in); break;
                    case HEADERS: progress = readHeaderLine(in, out); break;
                    case BODY: progress = readBody(in, out); break;
                    case DISCARD_BODY: progress = discardBody(in); break;
                    case BROKEN: in.skipBytes(in.readableBytes()); return;
                    default: throw new IllegalStateException("unknown decoder state " + state);
                }
                if (!progress) {
                    return;
                }
            }
        } catch (MsrpParseException e) {
            state = State.BROKEN;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private boolean readStartLine(ByteBuf in) {
        int max = config.maxStartLineLength();
        int eol = findCrlf(in, max, "start line");
        if (eol < 0) {
            return false;
        }
        byte[] line = ByteBufUtil.getBytes(in, in.readerIndex(), eol - in.readerIndex());
        in.readerIndex(eol + 2);
        StartLine start = assembler.startLine(line, 0, line.length);
        endLine = Framing.endLine(start.transactionId());
        bodyEnd = Framing.bodyEndPattern(endLine);
        state = State.HEADERS;
        return true;
    }

    private boolean readHeaderLine(ByteBuf in, List<Object> out) {
        int eol = findCrlf(in, config.maxHeaderBlockLength() - headerBlockLength, "header block");
        if (eol < 0) {
            return false;
        }
        int length = eol - in.readerIndex();
        if (length == 0) {
            in.skipBytes(2);
            state = State.BODY;
            return true;
        }
        byte[] line = ByteBufUtil.getBytes(in, in.readerIndex(), length);
        in.readerIndex(eol + 2);
        ContinuationFlag flag = Framing.endLineFlag(line, 0, line.length, endLine);
        if (flag != null) {
            out.add(assembler.finish(null, flag));
            reset();
            return true;
        }
        headerBlockLength += length + 2;
        assembler.headerLine(line, 0, line.length);
        return true;
    }

    private boolean readBody(ByteBuf in, List<Object> out) {
        int at = findEndLine(in);
        if (at < 0) {
            if (searchOffset > config.maxChunkSize()) {
                // Answer 413 now so the sender can stop (RFC 4975 §7.1.1), then skip to the end-line.
                assembler.fail(new MsrpParseException.ChunkTooLarge(config.maxChunkSize()));
                out.add(assembler.finish(null, ContinuationFlag.MORE));
                skipSearched(in);
                state = State.DISCARD_BODY;
            }
            return false;
        }
        if (at > config.maxChunkSize()) {
            assembler.fail(new MsrpParseException.ChunkTooLarge(config.maxChunkSize()));
            in.skipBytes(at);
            out.add(assembler.finish(null, foundFlag));
        } else {
            byte[] body = ByteBufUtil.getBytes(in, in.readerIndex(), at);
            in.skipBytes(at);
            out.add(assembler.finish(body, foundFlag));
        }
        in.skipBytes(bodyEnd.length + 3);
        reset();
        return true;
    }

    private boolean discardBody(ByteBuf in) {
        int at = findEndLine(in);
        if (at < 0) {
            skipSearched(in);
            if (discarded > config.maxEndLineSearch()) {
                throw new MsrpParseException.EndLineNotFound(assembler.startLine().transactionId(), discarded);
            }
            return false;
        }
        in.skipBytes(at + bodyEnd.length + 3);
        reset();
        return true;
    }

    private void skipSearched(ByteBuf in) {
        in.skipBytes(searchOffset);
        discarded += searchOffset;
        searchOffset = 0;
    }

    /**
     * Looks for CRLF + end-line + flag + CRLF from where the last search stopped. Returns the body length
     * (offset of the match from the reader index) and sets {@link #foundFlag}, or -1 if more input is
     * needed, leaving {@link #searchOffset} at the first position that could still start a match.
     */
    private int findEndLine(ByteBuf in) {
        int base = in.readerIndex();
        int limit = in.writerIndex();
        int from = base + searchOffset;
        while (true) {
            int cr = in.indexOf(from, limit, (byte) '\r');
            if (cr < 0) {
                searchOffset = limit - base;
                return -1;
            }
            if (cr + bodyEnd.length + 3 > limit) {
                searchOffset = cr - base;
                return -1;
            }
            if (matches(in, cr)) {
                return cr - base;
            }
            from = cr + 1;
        }
    }

    private boolean matches(ByteBuf in, int at) {
        for (int i = 0; i < bodyEnd.length; i++) {
            if (in.getByte(at + i) != bodyEnd[i]) {
                return false;
            }
        }
        int flagIndex = at + bodyEnd.length;
        foundFlag = ContinuationFlag.of(in.getByte(flagIndex));
        return foundFlag != null && in.getByte(flagIndex + 1) == '\r' && in.getByte(flagIndex + 2) == '\n';
    }

    /** Index of the CR of the next CRLF within {@code max} bytes, -1 if more input is needed. */
    private int findCrlf(ByteBuf in, int max, String what) {
        int from = in.readerIndex();
        int to = Math.min(in.writerIndex(), from + max + 2);
        int lf = in.indexOf(from, to, (byte) '\n');
        if (lf < 0) {
            if (in.readableBytes() > max + 1) {
                throw new MsrpParseException.LineTooLong(what, max);
            }
            return -1;
        }
        if (lf == from || in.getByte(lf - 1) != '\r') {
            throw new MsrpParseException.BareLineFeed(what, lf - from);
        }
        return lf - 1;
    }

    private void reset() {
        assembler.reset();
        state = State.START_LINE;
        headerBlockLength = 0;
        endLine = null;
        bodyEnd = null;
        searchOffset = 0;
        discarded = 0;
        foundFlag = null;
    }
}
