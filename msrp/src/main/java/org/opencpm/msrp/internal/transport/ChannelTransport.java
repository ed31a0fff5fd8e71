package org.opencpm.msrp.internal.transport;

import io.netty.channel.Channel;
import java.util.function.Consumer;
import org.opencpm.msrp.MsrpMessage;
import org.opencpm.msrp.internal.session.MsrpTransport;

/** An {@link MsrpTransport} over a Netty channel whose pipeline {@link MsrpChannelInitializer} built. */
final class ChannelTransport implements MsrpTransport {

    private final Channel channel;

    ChannelTransport(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void write(MsrpMessage message, Consumer<Throwable> onFailure) {
        channel.writeAndFlush(message).addListener(f -> {
            if (!f.isSuccess()) {
                onFailure.accept(f.cause());
            }
        });
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public void setAutoRead(boolean autoRead) {
        channel.config().setAutoRead(autoRead);
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public String describe() {
        return String.valueOf(channel.remoteAddress());
    }
}
