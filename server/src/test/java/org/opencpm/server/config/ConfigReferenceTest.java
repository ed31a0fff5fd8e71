package org.opencpm.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.server.config.features.Declarations;
import org.opencpm.server.config.internal.ConfigReference;
import org.opencpm.server.config.schema.ConfigDeclaration;
import org.opencpm.server.config.schema.ConfigKey;

/** The committed {@code docs/configuration.md} is what the declarations generate. */
class ConfigReferenceTest {

    @Test
    @DisplayName("docs/configuration.md is up to date with the declarations")
    void referenceIsFresh() throws IOException {
        Path file = repositoryRoot().resolve("docs/configuration.md");
        String expected = ConfigReference.render();
        if (Boolean.getBoolean("opencpm.regenerateDocs")) {
            Files.writeString(file, expected, StandardCharsets.UTF_8);
            return;
        }
        String actual = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (!actual.equals(expected)) {
            fail("%s is stale (first difference at line %d); regenerate it with:%n  %s%n",
                    file, firstDifferentLine(actual, expected), ConfigReference.REGENERATE);
        }
    }

    @Test
    @DisplayName("Every declared key has a row in the reference")
    void everyKeyIsDocumented() {
        String reference = ConfigReference.render();
        for (ConfigDeclaration<?> d : Declarations.ALL) {
            for (ConfigKey<?> k : d.keys()) {
                assertThat(reference).contains("| `" + d.pathOf(k) + "` |");
            }
        }
        assertThat(reference).contains("| `routes[].next-hop` |", "| `users.<sip-uri>.preferences.blacklist` |",
                "| `participating-function.mode` | b2bua \\| proxy | `b2bua` |",
                "| `controlling-function.factory-uri` | SIP URI | `sip:chat@<domain>` |");
    }

    @Test
    @DisplayName("The IMS example of the reference loads")
    void imsExampleLoads() throws ConfigException {
        ServerConfig c = ConfigLoader.load(ConfigReference.IMS_EXAMPLE, "configuration.md");
        assertThat(c.edgeRegistrar()).isFalse();
        assertThat(c.core()).map(TransportAddress::toString).contains("udp:127.0.0.1:5060");
        assertThat(c.messageStore().type()).isEqualTo(MessageStoreConfig.Type.IMAP);
    }

    private static int firstDifferentLine(String a, String b) {
        List<String> x = a.lines().toList();
        List<String> y = b.lines().toList();
        int i = 0;
        while (i < x.size() && i < y.size() && x.get(i).equals(y.get(i))) {
            i++;
        }
        return i + 1;
    }

    /** The checkout root: the directory above the working directory that holds {@code server/pom.xml}. */
    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("server/pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no checkout root above " + Path.of("").toAbsolutePath());
    }
}
