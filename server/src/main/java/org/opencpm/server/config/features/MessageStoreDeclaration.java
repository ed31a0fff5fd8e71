package org.opencpm.server.config.features;

import static org.opencpm.server.config.schema.ConfigKey.key;

import java.util.List;
import org.opencpm.server.config.MessageStoreConfig;
import org.opencpm.server.config.MessageStoreConfig.Type;
import org.opencpm.server.config.schema.ConfigDeclaration;
import org.opencpm.server.config.schema.ConfigKey;
import org.opencpm.server.config.schema.ConfigValues;
import org.opencpm.server.config.schema.ValueTypes;

/** The CPM Message Store: where conversation history is recorded (§8.5). */
public final class MessageStoreDeclaration implements ConfigDeclaration<MessageStoreConfig> {

    public static final MessageStoreDeclaration INSTANCE = new MessageStoreDeclaration();

    public static final ConfigKey<Type> TYPE = key("type", ValueTypes.oneOf(Type.class))
            .defaultValue(Type.EMBEDDED)
            .description("embedded: kept under `data-dir`; imap: on an IMAP server such as Dovecot.")
            .build();
    public static final ConfigKey<String> IMAP_HOST = key("imap.host", ValueTypes.host())
            .defaultValue("127.0.0.1")
            .description("IMAP server host (type imap).")
            .build();
    public static final ConfigKey<Integer> IMAP_PORT = key("imap.port", ValueTypes.port())
            .defaultValue(143)
            .description("IMAP server port (type imap).")
            .build();
    public static final ConfigKey<String> IMAP_PASSWORD = key("imap.password", ValueTypes.text())
            .optional()
            .description("Password the server logs in with; the user name is the CPM user's address. Never logged.")
            .build();

    private MessageStoreDeclaration() {
    }

    @Override
    public String section() {
        return "message-store";
    }

    @Override
    public String title() {
        return "Message Store";
    }

    @Override
    public String description() {
        return "The CPM Message Store that keeps conversation history: embedded by default, IMAP for a real deployment.";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(TYPE, IMAP_HOST, IMAP_PORT, IMAP_PASSWORD);
    }

    @Override
    public MessageStoreConfig build(ConfigValues v) {
        return new MessageStoreConfig(v.get(TYPE),
                new MessageStoreConfig.Imap(v.get(IMAP_HOST), v.get(IMAP_PORT), v.find(IMAP_PASSWORD)));
    }
}
