package org.opencpm.sip.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.opencpm.sip.codec.ParseResult;
import org.opencpm.sip.codec.SipDecoderConfig;
import org.opencpm.sip.codec.SipMessageParser;
import org.opencpm.sip.internal.grammar.Chars;
import org.opencpm.sip.message.Header;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.Headers;
import org.opencpm.sip.message.SipParseException;
import org.opencpm.sip.message.Via;

/**
 * The SIP codec for stream transports (TCP, and TLS later): frames messages by the end of the head
 * and {@code Content-Length} (RFC 3261 §18.3), and emits one object per frame. It makes no
 * decisions: answering, closing and timing out are the connection handler's.
 *
 * <p>Emits:
 * <ul>
 * <li>a {@link ParseResult} per framed message, from {@link SipMessageParser#parseHead} and
 *     {@link SipMessageParser#complete}; a missing {@code Content-Length} frames an empty body;</li>
 * <li>{@link KeepAlivePing} for each double CRLF between messages (RFC 5626 §3.5.1); single CRLFs
 *     (pongs) are skipped;</li>
 * <li>{@link StreamFault} when the stream cannot be framed any more, after which all further input
 *     is discarded: a head longer than {@code maxHeadSize} without its empty line, a head plus
 *     Content-Length beyond {@code maxMessageSize} (both answerable as 513 if the head is a
 *     request with a readable Via), or a Content-Length that cannot be read or is repeated.</li>
 * </ul>
 *
 * <p>Memory: the decoder never buffers more than {@code maxHeadSize} bytes of a head, or more than
 * {@code maxMessageSize} bytes of a message. It scans each byte of a head once, however the head is
 * fragmented, and copies the head and body out of the buffer once each; decoded messages own plain
 * byte arrays and hold no buffer.
 */
public final class SipStreamDecoder extends ByteToMessageDecoder {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final int CRLFCRLF = 0x0D0A0D0A;

    private enum State { HEAD, BODY, DISCARD }

    private final SipMessageParser parser;
    private final SipDecoderConfig limits;

    private State state = State.HEAD;
    private boolean inMessage;
    /** Bytes of the current head already searched for its end, counted from the reader index. */
    private int scanned;
    private SipMessageParser.Head head;
    private int bodyLength;
    private long consumed;
    private long messageStart;
    private long messages;

    public SipStreamDecoder(SipMessageParser parser) {
        this.parser = parser;
        this.limits = parser.config();
    }

    /** True while a message has started (a byte other than CR or LF arrived) but has not been emitted. */
    public boolean inMessage() {
        return inMessage;
    }

    /** How many messages (parse results) this decoder has emitted. */
    public long messagesDecoded() {
        return messages;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        boolean progress = true;
        while (progress) {
            switch (state) {
                case HEAD -> progress = decodeHead(in, out);
                case BODY -> progress = decodeBody(in, out);
                case DISCARD -> {
                    skip(in, in.readableBytes());
                    progress = false;
                }
                default -> throw new IllegalStateException("decoder state " + state);
            }
        }
    }

    private boolean decodeHead(ByteBuf in, List<Object> out) {
        if (!inMessage && !skipKeepAlives(in, out)) {
            return false;
        }
        int r = in.readerIndex();
        int n = in.readableBytes();
        int headLen = findHeadEnd(in, r, n);
        if (headLen < 0) {
            if (n > limits.maxHeadSize()) {
                byte[] prefix = new byte[limits.maxHeadSize()];
                in.getBytes(r, prefix);
                fault(in, out, tooLarge(parser.parseHead(prefix, 0, prefix.length)), "Head longer than "
                        + limits.maxHeadSize() + " bytes");
            }
            return false;
        }
        if (headLen > limits.maxHeadSize()) {
            byte[] prefix = new byte[limits.maxHeadSize()];
            in.getBytes(r, prefix);
            fault(in, out, tooLarge(parser.parseHead(prefix, 0, prefix.length)), "Head of " + headLen
                    + " bytes, longer than " + limits.maxHeadSize());
            return false;
        }
        byte[] bytes = new byte[headLen];
        in.getBytes(r, bytes);
        SipMessageParser.Head h = parser.parseHead(bytes, 0, headLen);
        if (h == null) {
            fault(in, out, null, "No start line");
            return false;
        }
        if (h.fault() != null && (h.fault().contains(HeaderNames.CONTENT_LENGTH) || !singleValidLength(h))) {
            // Where the next message starts is unknown: answer this one if possible, then stop.
            ParseResult answer = parser.complete(h, new byte[0]);
            fault(in, out, answer instanceof ParseResult.BadRequest b ? b : null, h.fault());
            return false;
        }
        int cl = Math.max(0, h.contentLength());
        if ((long) headLen + cl > limits.maxMessageSize()) {
            fault(in, out, tooLarge(h), "Message of " + ((long) headLen + cl) + " bytes, larger than "
                    + limits.maxMessageSize());
            return false;
        }
        skip(in, headLen);
        head = h;
        bodyLength = cl;
        state = State.BODY;
        return true;
    }

    /**
     * Skips CRLFs before a message, emitting a ping for each double CRLF. Returns true when a
     * message has started, false when more bytes are needed.
     */
    private boolean skipKeepAlives(ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int r = in.readerIndex();
            byte b = in.getByte(r);
            if (b != CR && b != LF) {
                inMessage = true;
                scanned = 0;
                messageStart = consumed;
                return true;
            }
            int n = in.readableBytes();
            if (n >= 4 && in.getInt(r) == CRLFCRLF) {
                skip(in, 4);
                out.add(KeepAlivePing.INSTANCE);
            } else if (n < 4 && isPingPrefix(in, r, n)) {
                return false;
            } else {
                skip(in, n >= 2 && b == CR && in.getByte(r + 1) == LF ? 2 : 1);
            }
        }
        return false;
    }

    private static boolean isPingPrefix(ByteBuf in, int r, int n) {
        for (int i = 0; i < n; i++) {
            if (in.getByte(r + i) != ((i & 1) == 0 ? CR : LF)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The length of the head up to and including its empty line (LF LF or LF CR LF, as
     * {@link SipMessageParser#findHeadEnd}), or -1 with {@link #scanned} advanced past what has
     * been searched.
     */
    private int findHeadEnd(ByteBuf in, int r, int n) {
        for (int i = scanned; i < n; i++) {
            if (in.getByte(r + i) != LF) {
                continue;
            }
            if (i + 1 >= n) {
                scanned = i;
                return -1;
            }
            byte next = in.getByte(r + i + 1);
            if (next == LF) {
                return i + 2;
            }
            if (next == CR) {
                if (i + 2 >= n) {
                    scanned = i;
                    return -1;
                }
                if (in.getByte(r + i + 2) == LF) {
                    return i + 3;
                }
            }
        }
        scanned = n;
        return -1;
    }

    private boolean decodeBody(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < bodyLength) {
            return false;
        }
        byte[] body = new byte[bodyLength];
        in.readBytes(body);
        consumed += bodyLength;
        ParseResult result = parser.complete(head, body);
        head = null;
        state = State.HEAD;
        inMessage = false;
        scanned = 0;
        messages++;
        out.add(result);
        return true;
    }

    /**
     * False if the head has a Content-Length that could not be read or more than one: the parser names
     * only the first fault of a head, so an earlier one hides these, yet framing depends on them.
     */
    private static boolean singleValidLength(SipMessageParser.Head h) {
        int n = 0;
        for (Header header : h.headers()) {
            if (header.name().equals(HeaderNames.CONTENT_LENGTH)) {
                n++;
            }
        }
        return n == 0 || n == 1 && h.contentLength() >= 0;
    }

    private void fault(ByteBuf in, List<Object> out, ParseResult.BadRequest answer, String fault) {
        out.add(new StreamFault(answer, fault, messageStart));
        state = State.DISCARD;
        inMessage = false;
        head = null;
        skip(in, in.readableBytes());
    }

    private void skip(ByteBuf in, int n) {
        in.skipBytes(n);
        consumed += n;
    }

    /**
     * 513 for a message too large, if it can be answered: a request (not an ACK, RFC 3261 §17.2.3)
     * whose top Via can be read (§18.2.2), as {@link SipMessageParser} decides for datagrams.
     */
    static ParseResult.BadRequest tooLarge(SipMessageParser.Head h) {
        if (h == null || h.startLine().regionMatches(true, 0, "SIP/", 0, 4)) {
            return null;
        }
        String sl = h.startLine();
        int sp = sl.indexOf(' ');
        String method = sp > 0 ? sl.substring(0, sp) : sl;
        if (!Chars.isToken(method) || method.equals("ACK")) {
            return null;
        }
        Headers headers = Headers.of(h.headers());
        List<String> vias = headers.values(HeaderNames.VIA);
        if (vias.isEmpty()) {
            return null;
        }
        try {
            Via.parse(vias.get(0));
        } catch (SipParseException e) {
            return null;
        }
        return new ParseResult.BadRequest(513, "Message Too Large", method, headers);
    }
}
