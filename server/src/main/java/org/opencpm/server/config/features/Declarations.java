package org.opencpm.server.config.features;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencpm.server.config.ServerConfig;
import org.opencpm.server.config.schema.ConfigDeclaration;
import org.opencpm.server.config.schema.ConfigKey;
import org.opencpm.server.config.schema.ConfigValues;

/**
 * Every server feature's configuration declaration, in reference order. A new feature adds its
 * declaration here; the loader and the reference generator pick it up.
 */
public final class Declarations {
    private Declarations() {
    }

    public static final List<ConfigDeclaration<?>> ALL = List.of(
            CoreDeclaration.INSTANCE,
            ParticipatingFunctionDeclaration.INSTANCE,
            ControllingFunctionDeclaration.INSTANCE,
            InterworkingDeclaration.INSTANCE,
            MessageStoreDeclaration.INSTANCE,
            StoreDeclaration.INSTANCE,
            MsrpDeclaration.INSTANCE,
            UsersDeclaration.INSTANCE);

    /** Every declared key by its full path in the file. */
    public static Map<String, ConfigKey<?>> keysByPath() {
        Map<String, ConfigKey<?>> all = new LinkedHashMap<>();
        for (ConfigDeclaration<?> d : ALL) {
            for (ConfigKey<?> k : d.keys()) {
                if (all.put(d.pathOf(k), k) != null) {
                    throw new IllegalStateException("two declarations claim " + d.pathOf(k));
                }
            }
        }
        return all;
    }

    /** Runs each declaration's cross-key checks. */
    public static void checkTogether(ConfigValues values) {
        for (ConfigDeclaration<?> d : ALL) {
            d.checkTogether(values);
        }
    }

    /** Assembles the typed tree; the values must be free of errors. */
    public static ServerConfig build(ConfigValues v) {
        CoreDeclaration.Core core = CoreDeclaration.INSTANCE.build(v);
        return new ServerConfig(core.domain(), core.listen(), core.dataDir(), core.sip(), core.edgeRegistrar(),
                core.core(), core.routes(), core.trustedPeers(),
                ParticipatingFunctionDeclaration.INSTANCE.build(v),
                ControllingFunctionDeclaration.INSTANCE.build(v),
                InterworkingDeclaration.INSTANCE.build(v),
                MessageStoreDeclaration.INSTANCE.build(v),
                StoreDeclaration.INSTANCE.build(v),
                MsrpDeclaration.INSTANCE.build(v),
                UsersDeclaration.INSTANCE.build(v));
    }
}
