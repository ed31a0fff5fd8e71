package org.opencpm.server.config.features;

import static org.opencpm.server.config.schema.ConfigKey.key;

import java.time.Duration;
import java.util.List;
import org.opencpm.server.config.ControllingFunctionConfig;
import org.opencpm.server.config.schema.ConfigDeclaration;
import org.opencpm.server.config.schema.ConfigKey;
import org.opencpm.server.config.schema.ConfigValues;
import org.opencpm.server.config.schema.ValueTypes;

/** The Controlling Function: the focus of CPM group sessions. */
public final class ControllingFunctionDeclaration implements ConfigDeclaration<ControllingFunctionConfig> {

    public static final ControllingFunctionDeclaration INSTANCE = new ControllingFunctionDeclaration();

    public static final ConfigKey<String> FACTORY_URI = key("factory-uri", ValueTypes.sipUri())
            .optional()
            .defaultText("sip:chat@<domain>")
            .description("Conference factory URI: an INVITE to it with a resource list creates an ad-hoc group session.")
            .build();
    public static final ConfigKey<Duration> INACTIVITY_TIMEOUT = key("inactivity-timeout", ValueTypes.duration(true))
            .defaultValue(Duration.ofSeconds(600))
            .description("A group session without any message for this many seconds is ended by the focus; 0 never ends it.")
            .build();

    private ControllingFunctionDeclaration() {
    }

    @Override
    public String section() {
        return "controlling-function";
    }

    @Override
    public String title() {
        return "Controlling Function";
    }

    @Override
    public String description() {
        return "The focus of CPM group sessions: where they are created and when an idle one ends.";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(FACTORY_URI, INACTIVITY_TIMEOUT);
    }

    @Override
    public ControllingFunctionConfig build(ConfigValues v) {
        String factory = v.find(FACTORY_URI).orElse("sip:chat@" + v.get(CoreDeclaration.DOMAIN));
        return new ControllingFunctionConfig(factory, v.get(INACTIVITY_TIMEOUT));
    }
}
