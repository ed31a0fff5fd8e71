package org.opencpm.server.config.features;

import static org.opencpm.server.config.schema.ConfigKey.key;

import java.time.Duration;
import java.util.List;
import org.opencpm.server.config.MsrpConfig;
import org.opencpm.server.config.schema.ConfigDeclaration;
import org.opencpm.server.config.schema.ConfigKey;
import org.opencpm.server.config.schema.ConfigValues;
import org.opencpm.server.config.schema.ValueTypes;

/** The MSRP relay: chunking, limits, and when a connection counts as lost (requirements.md AMB-01). */
public final class MsrpDeclaration implements ConfigDeclaration<MsrpConfig> {

    public static final MsrpDeclaration INSTANCE = new MsrpDeclaration();

    public static final ConfigKey<Long> CHUNK_SIZE = key("chunk-size", ValueTypes.size(64, 1024 * 1024))
            .defaultValue(2048L)
            .description("Largest chunk body sent; larger messages are split into chunks (RFC 4975 §7.1). "
                    + "At most max-message-size.")
            .build();
    public static final ConfigKey<Long> MAX_MESSAGE_SIZE = key("max-message-size", ValueTypes.size(64, 1L << 40))
            .defaultValue(1024L * 1024)
            .description("Largest complete message accepted, advertised as a=max-size; a larger one gets 413.")
            .build();
    public static final ConfigKey<Duration> TRANSACTION_TIMEOUT = key("transaction-timeout", ValueTypes.duration(false))
            .defaultValue(Duration.ofSeconds(30))
            .check(d -> !d.isZero(), "more than zero")
            .description("A SEND unanswered for this long fails and the connection counts as lost (RFC 4975's "
                    + "suggested 30 s; AMB-01 b).")
            .build();
    public static final ConfigKey<Duration> IDLE_PROBE_INTERVAL = key("idle-probe-interval", ValueTypes.duration(false))
            .defaultValue(Duration.ofSeconds(120))
            .check(d -> !d.isZero(), "more than zero")
            .description("After this long without traffic an empty SEND probes the connection; if it fails, the "
                    + "connection is lost (AMB-01 c).")
            .build();
    public static final ConfigKey<Duration> CONNECT_TIMEOUT = key("connect-timeout", ValueTypes.duration(false))
            .defaultValue(Duration.ofSeconds(10))
            .check(d -> !d.isZero(), "more than zero")
            .description("An MSRP connection not established within this is a setup failure (AMB-01).")
            .build();

    private MsrpDeclaration() {
    }

    @Override
    public String section() {
        return "msrp";
    }

    @Override
    public String title() {
        return "MSRP";
    }

    @Override
    public String description() {
        return "The MSRP relay of the B2BUA Participating Function and of the Controlling Function. The "
                + "timeouts decide when a connection is lost, which sends undelivered messages to deferral "
                + "(requirements.md AMB-01, PF-T-DEF-04).";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(CHUNK_SIZE, MAX_MESSAGE_SIZE, TRANSACTION_TIMEOUT, IDLE_PROBE_INTERVAL, CONNECT_TIMEOUT);
    }

    @Override
    public void checkTogether(ConfigValues v) {
        if (v.allGood(CHUNK_SIZE, MAX_MESSAGE_SIZE) && v.get(CHUNK_SIZE) > v.get(MAX_MESSAGE_SIZE)) {
            v.reject(CHUNK_SIZE, "is larger than msrp.max-message-size; expected at most "
                    + MAX_MESSAGE_SIZE.type().render(v.get(MAX_MESSAGE_SIZE)));
        }
    }

    @Override
    public MsrpConfig build(ConfigValues v) {
        return new MsrpConfig(v.get(CHUNK_SIZE).intValue(), v.get(MAX_MESSAGE_SIZE), v.get(TRANSACTION_TIMEOUT),
                v.get(IDLE_PROBE_INTERVAL), v.get(CONNECT_TIMEOUT));
    }
}
