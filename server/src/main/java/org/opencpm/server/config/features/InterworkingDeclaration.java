package org.opencpm.server.config.features;

import static org.opencpm.server.config.schema.ConfigKey.key;

import java.util.List;
import org.opencpm.server.config.InterworkingConfig;
import org.opencpm.server.config.TransportAddress;
import org.opencpm.server.config.schema.ConfigDeclaration;
import org.opencpm.server.config.schema.ConfigKey;
import org.opencpm.server.config.schema.ConfigValues;
import org.opencpm.server.config.schema.ValueTypes;

/** Interworking: the ISF, reached over SIP, in front of the SMS/MMS interworking functions. */
public final class InterworkingDeclaration implements ConfigDeclaration<InterworkingConfig> {

    public static final InterworkingDeclaration INSTANCE = new InterworkingDeclaration();

    public static final ConfigKey<TransportAddress> ISF = key("isf", ValueTypes.transportAddress())
            .optional()
            .description("Where requests for non-SIP/TEL targets and interworked sessions go. Unset: no interworking.")
            .build();

    private InterworkingDeclaration() {
    }

    @Override
    public String section() {
        return "interworking";
    }

    @Override
    public String title() {
        return "Interworking";
    }

    @Override
    public String description() {
        return "The Interworking Selection Function; the SMS/MMS gateways live behind it.";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(ISF);
    }

    @Override
    public InterworkingConfig build(ConfigValues v) {
        return new InterworkingConfig(v.find(ISF));
    }
}
