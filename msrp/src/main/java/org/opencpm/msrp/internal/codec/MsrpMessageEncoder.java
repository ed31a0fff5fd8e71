package org.opencpm.msrp.internal.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.opencpm.msrp.MsrpHeaders;
import org.opencpm.msrp.MsrpMessage;
import org.opencpm.msrp.MsrpRequest;
import org.opencpm.msrp.MsrpResponse;
import org.opencpm.msrp.internal.grammar.MsrpMessageWriter;

/**
 * Encodes an {@link MsrpMessage} into its wire form (RFC 4975 §9, the same bytes as {@link MsrpMessageWriter}),
 * straight into one buffer sized for the whole message. A codec only: it decides nothing.
 *
 * <p>Pipeline position: after {@link MsrpFrameDecoder}, before the connection handler. Stateless and
 * shareable.
 */
@ChannelHandler.Sharable
public final class MsrpMessageEncoder extends MessageToByteEncoder<MsrpMessage> {

    /** Start line, separators, end-line and CRLFs around the headers: a bound on what the fields do not count. */
    private static final int FRAMING_BYTES = 64 + 2 * 32;

    public MsrpMessageEncoder() {
        super(MsrpMessage.class);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, MsrpMessage message, boolean preferDirect) {
        int size = FRAMING_BYTES;
        for (MsrpHeaders.Field f : message.headers().fields()) {
            size += f.name().length() + f.value().length() + 4;
        }
        if (message instanceof MsrpRequest) {
            size += ((MsrpRequest) message).bodyLength();
        } else {
            String comment = ((MsrpResponse) message).comment();
            size += comment == null ? 0 : comment.length();
        }
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MsrpMessage message, ByteBuf out) {
        // start line: pMSRP SP transact-id SP (method / status-code [SP comment]) CRLF
        out.writeCharSequence("MSRP ", StandardCharsets.US_ASCII);
        out.writeCharSequence(message.transactionId(), StandardCharsets.US_ASCII);
        out.writeByte(' ');
        boolean body = false;
        char flag = '$';
        if (message instanceof MsrpRequest) {
            MsrpRequest r = (MsrpRequest) message;
            out.writeCharSequence(r.method(), StandardCharsets.US_ASCII);
            body = r.hasBody();
            flag = r.continuationFlag().symbol();
        } else {
            MsrpResponse r = (MsrpResponse) message;
            writeStatusCode(out, r.code());
            if (r.comment() != null) {
                out.writeByte(' ');
                ByteBufUtil.writeUtf8(out, r.comment());
            }
        }
        out.writeShort(CRLF);
        for (MsrpHeaders.Field f : message.headers().fields()) {
            out.writeCharSequence(f.name(), StandardCharsets.US_ASCII);
            out.writeShort(COLON_SP);
            ByteBufUtil.writeUtf8(out, f.value());
            out.writeShort(CRLF);
        }
        if (body) {
            out.writeShort(CRLF);
            ByteBuffer bytes = ((MsrpRequest) message).bodyBuffer();
            out.writeBytes(bytes);
            out.writeShort(CRLF);
        }
        // end-line = "-------" transact-id continuation-flag CRLF
        out.writeCharSequence("-------", StandardCharsets.US_ASCII);
        out.writeCharSequence(message.transactionId(), StandardCharsets.US_ASCII);
        out.writeByte(flag);
        out.writeShort(CRLF);
    }

    private static final int CRLF = ('\r' << 8) | '\n';
    private static final int COLON_SP = (':' << 8) | ' ';

    private static void writeStatusCode(ByteBuf out, int code) {
        out.writeByte('0' + code / 100);
        out.writeByte('0' + code / 10 % 10);
        out.writeByte('0' + code % 10);
    }
}
