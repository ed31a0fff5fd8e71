package org.opencpm.server.config.features;

import static org.opencpm.server.config.schema.ConfigKey.key;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencpm.server.config.UserConfig;
import org.opencpm.server.config.UserPreferences;
import org.opencpm.server.config.UsersConfig;
import org.opencpm.server.config.schema.ConfigDeclaration;
import org.opencpm.server.config.schema.ConfigKey;
import org.opencpm.server.config.schema.ConfigValues;
import org.opencpm.server.config.schema.ListType;
import org.opencpm.server.config.schema.MapType;
import org.opencpm.server.config.schema.ObjectType;
import org.opencpm.server.config.schema.ValueTypes;

/** Served users: authorisation and CPM preferences (the XDMS policy, configured locally). */
public final class UsersDeclaration implements ConfigDeclaration<UsersConfig> {

    /** One entry's settings; the URI is the map key. */
    private record Entry(boolean authorized, UserPreferences preferences) {
    }

    public static final UsersDeclaration INSTANCE = new UsersDeclaration();

    private static final UserPreferences D = UserPreferences.DEFAULT;

    public static final ConfigKey<Boolean> AUTHORIZED = key("authorized", ValueTypes.bool())
            .defaultValue(true)
            .description("false: the user's requests get 403 with Warning \"127 Service not authorised\".")
            .build();
    public static final ConfigKey<Boolean> ALLOW_OFFLINE_STORAGE = key("preferences.allow-offline-storage", ValueTypes.bool())
            .defaultValue(D.allowOfflineStorage())
            .description("Record conversation history and IMDNs in the Message Store (PF-IMDN-TD-04).")
            .build();
    public static final ConfigKey<Boolean> ALLOW_STORE = key("preferences.allow-store", ValueTypes.bool())
            .defaultValue(D.allowStore())
            .description("Store the user's messages in the Message Store.")
            .build();
    public static final ConfigKey<Boolean> ALLOW_DEFER = key("preferences.allow-defer", ValueTypes.bool())
            .defaultValue(D.allowDefer())
            .description("Defer messages and group sessions while the user has no suitable client.")
            .build();
    public static final ConfigKey<Boolean> DO_NOT_DISTURB = key("preferences.do-not-disturb", ValueTypes.bool())
            .defaultValue(D.doNotDisturb())
            .description("true: terminating INVITEs get 480.")
            .build();
    public static final ConfigKey<List<String>> BLACKLIST = key("preferences.blacklist", ListType.of(ValueTypes.sipOrTelUri()))
            .defaultValue(D.blacklist())
            .description("Senders whose requests get 403 with Warning \"122 Function not allowed\".")
            .build();

    private static final ObjectType<Entry> ENTRY = ObjectType.of("user",
            List.of(AUTHORIZED, ALLOW_OFFLINE_STORAGE, ALLOW_STORE, ALLOW_DEFER, DO_NOT_DISTURB, BLACKLIST),
            v -> new Entry(v.get(AUTHORIZED), new UserPreferences(v.get(ALLOW_OFFLINE_STORAGE), v.get(ALLOW_STORE),
                    v.get(ALLOW_DEFER), v.get(DO_NOT_DISTURB), v.get(BLACKLIST))));

    private static final ConfigKey<Map<String, Entry>> USERS = key("users",
            MapType.of("sip-uri", ValueTypes.addressOfRecord(), ENTRY))
            .defaultValue(Map.of())
            .description("Users with settings of their own, keyed by address of record (sip:user@domain). "
                    + "Any other user of the domain may register and gets the defaults below.")
            .build();

    private UsersDeclaration() {
    }

    @Override
    public String section() {
        return "";
    }

    @Override
    public String title() {
        return "Users";
    }

    @Override
    public String description() {
        return "Per-user authorisation and preferences. Users not listed are authorised and get the defaults.";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(USERS);
    }

    @Override
    public UsersConfig build(ConfigValues v) {
        List<UserConfig> users = new ArrayList<>();
        v.get(USERS).forEach((uri, e) -> users.add(new UserConfig(uri, e.authorized(), e.preferences())));
        return users.isEmpty() ? UsersConfig.none() : UsersConfig.of(users);
    }
}
