package org.opencpm.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencpm.server.config.features.Declarations;
import org.opencpm.server.config.schema.ConfigValues;
import org.opencpm.server.config.schema.ObjectType;
import org.opencpm.server.config.schema.Reading;
import org.opencpm.server.config.schema.YamlNodes;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a YAML configuration file into a {@link ServerConfig}.
 *
 * <ol>
 *   <li>Compose the YAML into nodes (SnakeYAML {@code compose}, so each value keeps its line).</li>
 *   <li>Walk the nodes against the keys every feature declares ({@link Declarations}): an unknown key,
 *       a value of the wrong type or out of range is recorded, and reading goes on.</li>
 *   <li>Run each feature's cross-key checks (for example {@code core} is required when
 *       {@code edge-registrar} is false).</li>
 *   <li>If anything was recorded, throw one {@link ConfigException} listing every problem, in file
 *       order; otherwise build the typed tree. Absent keys take their defaults.</li>
 * </ol>
 *
 * <p>An empty file, like no file, gives {@link ServerConfig#defaults()}. A key with an empty value
 * ({@code isf:}) counts as absent.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /** Loads {@code file}; error messages name it as given. */
    public static ServerConfig load(Path file) throws ConfigException {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, List.of(new ConfigProblem(source, 0, "", "the file does not exist")));
        } catch (IOException e) {
            throw new ConfigException(source, List.of(new ConfigProblem(source, 0, "", "cannot be read: " + e)));
        }
        return load(text, source);
    }

    /** Loads YAML text; {@code sourceName} is how error messages name it (such as {@code config.yaml}). */
    public static ServerConfig load(String yamlText, String sourceName) throws ConfigException {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(yamlText));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new ConfigException(sourceName, List.of(new ConfigProblem(sourceName, line, "",
                    "not valid YAML: " + what)));
        } catch (YAMLException e) {
            throw new ConfigException(sourceName, List.of(new ConfigProblem(sourceName, 0, "",
                    "not valid YAML: " + e.getMessage())));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        Reading reading = new Reading(sourceName, "", problems);
        ObjectType<ConfigValues> schema = ObjectType.ofPaths(Declarations.keysByPath());
        if (!YamlNodes.isNull(root) && !(root instanceof MappingNode)) {
            reading.report(root, "the file must be a mapping of keys, not " + YamlNodes.describe(root));
            throw new ConfigException(sourceName, problems);
        }
        ConfigValues values = schema.readValues(root, reading);
        Declarations.checkTogether(values);
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(ConfigProblem::line));
            throw new ConfigException(sourceName, problems);
        }
        return Declarations.build(values);
    }
}
