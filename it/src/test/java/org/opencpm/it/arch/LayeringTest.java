package org.opencpm.it.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules of style.md §1, checked on the sources: layers in RFC order with dependencies
 * pointing one way (transport → codec → transaction → dialog → procedures), and a module's
 * {@code internal} packages used only inside that module.
 */
class LayeringTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.[\\w*]+;", Pattern.MULTILINE);

    private record Source(Path file, String pkg, List<String> imports) {
    }

    private static List<Source> sources(String module) throws IOException {
        Path dir = ROOT.resolve(module).resolve("src/main/java");
        List<Source> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                Matcher pm = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE).matcher(text);
                String pkg = pm.find() ? pm.group(1) : "";
                List<String> imports = new ArrayList<>();
                Matcher im = IMPORT.matcher(text);
                while (im.find()) {
                    imports.add(im.group(1));
                }
                out.add(new Source(f, pkg, imports));
            }
        }
        return out;
    }

    /** Each row: a package (prefix) of the sip module, and a package it must not depend on. */
    @ParameterizedTest(name = "{0} does not depend on {1}")
    @CsvSource({
        "org.opencpm.sip.message, org.opencpm.sip.transport",
        "org.opencpm.sip.message, org.opencpm.sip.transaction",
        "org.opencpm.sip.message, io.netty",
        "org.opencpm.sip.codec, org.opencpm.sip.transaction",
        "org.opencpm.sip.codec, io.netty",
        "org.opencpm.sip.transport, org.opencpm.sip.transaction",
        "org.opencpm.sip.transport, org.opencpm.sip.dialog",
        "org.opencpm.sip.transaction, org.opencpm.sip.dialog",
        "org.opencpm.sip.transaction, io.netty",
        "org.opencpm.sip.dialog, io.netty",
    })
    void sipLayersDependOneWay(String layer, String forbidden) throws IOException {
        List<String> violations = new ArrayList<>();
        for (Source s : sources("sip")) {
            if (!s.pkg().startsWith(layer)) {
                continue;
            }
            for (String imp : s.imports()) {
                if (imp.startsWith(forbidden) && !(layer.startsWith(forbidden))) {
                    violations.add(ROOT.relativize(s.file()) + " imports " + imp);
                }
            }
        }
        assertThat(violations).as("layering violations").isEmpty();
    }

    @Test
    void noModuleUsesAnotherModulesInternalPackages() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String module : List.of("common", "sip", "msrp", "store", "server", "client", "dist")) {
            String own = "org.opencpm." + module;
            for (Source s : sources(module)) {
                for (String imp : s.imports()) {
                    if (imp.startsWith("org.opencpm.") && imp.contains(".internal") && !imp.startsWith(own + ".")) {
                        violations.add(ROOT.relativize(s.file()) + " imports " + imp);
                    }
                }
            }
        }
        assertThat(violations).as("imports of another module's internal packages").isEmpty();
    }
}
