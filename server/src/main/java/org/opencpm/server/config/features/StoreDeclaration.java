package org.opencpm.server.config.features;

import static org.opencpm.server.config.schema.ConfigKey.key;

import java.time.Duration;
import java.util.List;
import org.opencpm.server.config.StoreConfig;
import org.opencpm.server.config.schema.ConfigDeclaration;
import org.opencpm.server.config.schema.ConfigKey;
import org.opencpm.server.config.schema.ConfigValues;
import org.opencpm.server.config.schema.ValueTypes;

/** Retention of the durable stores: deferred messages and sessions, and the IMDN cache. */
public final class StoreDeclaration implements ConfigDeclaration<StoreConfig> {

    public static final StoreDeclaration INSTANCE = new StoreDeclaration();

    public static final ConfigKey<Duration> DEFERRED_EXPIRY = key("deferred-expiry", ValueTypes.duration(false))
            .defaultValue(Duration.ofDays(7))
            .check(d -> !d.isZero(), "more than zero")
            .description("How long a deferred message or group session waits for its recipient before it is "
                    + "discarded (with a negative-delivery IMDN where one was requested).")
            .build();
    public static final ConfigKey<Duration> IMDN_CACHE_TTL = key("imdn-cache-ttl", ValueTypes.duration(false))
            .defaultValue(Duration.ofDays(7))
            .check(d -> !d.isZero(), "more than zero")
            .description("How long the message-id and disposition types of a forwarded IMDN are remembered to "
                    + "suppress duplicates (PF-IMDN-T-10, AMB-03).")
            .build();

    private StoreDeclaration() {
    }

    @Override
    public String section() {
        return "store";
    }

    @Override
    public String title() {
        return "Durable stores";
    }

    @Override
    public String description() {
        return "Retention of the deferred-delivery queue and the IMDN cache.";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(DEFERRED_EXPIRY, IMDN_CACHE_TTL);
    }

    @Override
    public StoreConfig build(ConfigValues v) {
        return new StoreConfig(v.get(DEFERRED_EXPIRY), v.get(IMDN_CACHE_TTL));
    }
}
