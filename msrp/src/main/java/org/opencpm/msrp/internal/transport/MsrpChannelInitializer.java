package org.opencpm.msrp.internal.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.AttributeKey;
import java.util.function.Function;
import org.opencpm.common.time.Scheduler;
import org.opencpm.msrp.MsrpSessionConfig;
import org.opencpm.msrp.internal.codec.MsrpFrameDecoder;
import org.opencpm.msrp.internal.codec.MsrpMessageEncoder;
import org.opencpm.msrp.internal.session.MsrpConnection;
import org.opencpm.msrp.internal.session.SessionRegistry;

/**
 * Builds the MSRP pipeline of one channel: {@link FlushConsolidationHandler} → {@link MsrpFrameDecoder} →
 * {@link MsrpMessageEncoder} →
 * {@link MsrpConnectionHandler}, and the {@link MsrpConnection} that owns it (on the channel's event loop).
 */
final class MsrpChannelInitializer extends ChannelInitializer<Channel> {

    static final AttributeKey<MsrpConnection> CONNECTION = AttributeKey.valueOf("opencpm.msrp.connection");
    private static final MsrpMessageEncoder ENCODER = new MsrpMessageEncoder();

    private final MsrpSessionConfig config;
    private final SessionRegistry registry;
    private final Function<Channel, Runnable> onClosed;
    private final boolean accepted;
    private final Function<Channel, Scheduler> schedulers;

    /** @param accepted true on a listener: the peer must bind a session within the connect timeout */
    MsrpChannelInitializer(MsrpSessionConfig config, SessionRegistry registry, Function<Channel, Runnable> onClosed,
                           boolean accepted, LoopSchedulers schedulers) {
        this(config, registry, onClosed, accepted, ch -> schedulers.of(ch.eventLoop()));
    }

    /** As above, with the connection's scheduler chosen per channel (a virtual one in tests). */
    MsrpChannelInitializer(MsrpSessionConfig config, SessionRegistry registry, Function<Channel, Runnable> onClosed,
                           boolean accepted, Function<Channel, Scheduler> schedulers) {
        this.schedulers = schedulers;
        this.accepted = accepted;
        this.config = config;
        this.registry = registry;
        this.onClosed = onClosed;
    }

    @Override
    protected void initChannel(Channel ch) {
        MsrpFrameDecoder decoder = new MsrpFrameDecoder(config.decoder());
        MsrpConnection connection = new MsrpConnection(new ChannelTransport(ch), schedulers.apply(ch), config, registry,
                onClosed.apply(ch));
        ch.attr(CONNECTION).set(connection);
        // One flush per read burst or event-loop task instead of one per chunk and response.
        ch.pipeline().addLast("flush-consolidation", new FlushConsolidationHandler(256, true))
                .addLast("msrp-decoder", decoder)
                .addLast("msrp-encoder", ENCODER)
                .addLast("msrp-connection", new MsrpConnectionHandler(connection, decoder));
        if (accepted) {
            connection.expectBinding();
        }
    }
}
