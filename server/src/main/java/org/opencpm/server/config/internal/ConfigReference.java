package org.opencpm.server.config.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencpm.server.config.features.Declarations;
import org.opencpm.server.config.schema.ConfigDeclaration;
import org.opencpm.server.config.schema.ConfigKey;
import org.opencpm.server.config.schema.ListType;
import org.opencpm.server.config.schema.MapType;
import org.opencpm.server.config.schema.ObjectType;
import org.opencpm.server.config.schema.ValueType;

/**
 * Renders {@code docs/configuration.md} from the feature declarations: one table per feature (key, type,
 * default, description). A unit test fails when the committed file differs.
 *
 * <p>Regenerate with {@code mvn -B -ntp -q -o -pl server test -Dtest=ConfigReferenceTest
 * -Dopencpm.regenerateDocs=true}, or run this class with the output path as argument.
 */
public final class ConfigReference {
    private ConfigReference() {
    }

    /** The command the header and the freshness test print. */
    public static final String REGENERATE =
            "mvn -B -ntp -q -o -pl server test -Dtest=ConfigReferenceTest -Dopencpm.regenerateDocs=true";

    /** The IMS example of the reference; a test checks that it loads. */
    public static final String IMS_EXAMPLE = """
            domain: example.com
            listen:
              sip: "udp:127.0.0.1:5070"
            edge-registrar: false
            core: "udp:127.0.0.1:5060"          # Kamailio; it routes to us with Route: <sip:127.0.0.1:5070;lr;orig>
            trusted-peers: ["127.0.0.1:5060"]
            message-store:
              type: imap
              imap: { host: 127.0.0.1, port: 143, password: secret }
            """;

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/configuration.md");
        Files.writeString(out, render(), StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
    }

    /** The whole reference as Markdown. */
    public static String render() {
        StringBuilder b = new StringBuilder();
        b.append("# OpenCPM configuration reference\n\n");
        b.append("<!-- Generated from the declarations in org.opencpm.server.config.features; do not edit.\n");
        b.append("     Regenerate with: ").append(REGENERATE).append(" -->\n\n");
        b.append("`./opencpm server --config FILE` reads a YAML file with the keys below; without `--config`, or for\n")
                .append("any key the file leaves out (or leaves empty), the default applies. The file is checked when the\n")
                .append("server starts: an unknown key (with a \"did you mean\" when it looks misspelt), a value of the\n")
                .append("wrong type or out of range stops the server with every error listed, each with file, line,\n")
                .append("key path and what is accepted:\n\n")
                .append("```\n2 errors in configuration config.yaml:\n")
                .append("  config.yaml:7: participating-function.mode: 'bidirectional' is not accepted; expected one of: b2bua, proxy\n")
                .append("  config.yaml:9: participating-function.sesion-expires: unknown key 'sesion-expires' in participating-function")
                .append(" (did you mean 'session-expires'?); expected one of: mode, ...\n```\n\n");
        b.append("## Value formats\n\n");
        b.append("- **duration**: a number of seconds (`30`), or a number with a unit `ms`, `s`, `m`, `h` or `d` ")
                .append("(`500ms`, `30s`, `5m`, `2h`, `7d`). Never negative. Keys of type **seconds** take the same ")
                .append("values and are documented in plain seconds.\n");
        b.append("- **size**: a number of bytes (`2048`), or a number with a unit `B`, `KiB`, `MiB` or `GiB` (`1MiB`).\n");
        b.append("- **transport address**: `TRANSPORT:HOST:PORT`, TRANSPORT one of `udp`, `tcp`, `tls`, `ws`, `wss`; ")
                .append("an IPv6 host in brackets (`tcp:[::1]:5060`). Ports are 1 to 65535.\n");
        b.append("- **host[:port]**: `HOST:PORT`, or `HOST` alone to match any port.\n");
        b.append("- **list**: a YAML list; a single value may be written without the brackets.\n");
        b.append("- **sip-uri** (keys of `users`): exactly `sip:user@domain`; the host is compared without case.\n");
        b.append("\n## Example: behind an IMS core\n\n");
        b.append("Kamailio registers the clients and sends third-party REGISTER; Dovecot keeps the history ")
                .append("(design.md §3, deployment 2).\n\n```yaml\n").append(IMS_EXAMPLE).append("```\n");
        for (ConfigDeclaration<?> d : Declarations.ALL) {
            b.append("\n## ").append(d.title()).append("\n\n");
            b.append(d.description()).append("\n\n");
            b.append("| Key | Type | Default | Description |\n|---|---|---|---|\n");
            for (ConfigKey<?> k : d.keys()) {
                rows(b, d.pathOf(k), k);
            }
        }
        return b.toString();
    }

    private static void rows(StringBuilder b, String path, ConfigKey<?> key) {
        ValueType<?> type = key.type();
        String def = key.required() ? "required" : key.defaultText().isEmpty() ? "(none)" : "`" + key.defaultText() + "`";
        b.append("| `").append(path).append("` | ").append(cell(type.typeName())).append(" | ").append(cell(def))
                .append(" | ").append(cell(key.description())).append(" |\n");
        if (type instanceof ListType<?> l && l.element() instanceof ObjectType<?> o) {
            o.fields().forEach((p, k) -> rows(b, path + "[]." + p, k));
        } else if (type instanceof MapType<?> m && m.valueType() instanceof ObjectType<?> o) {
            o.fields().forEach((p, k) -> rows(b, path + ".<" + m.keyName() + ">." + p, k));
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
