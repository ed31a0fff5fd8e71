package org.opencpm.server.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration cannot be used: it could not be read, or it has one or more errors. Every error of
 * the file is collected before this is thrown, so an operator fixes them in one pass; the message lists
 * them one a line, each with file, line, key path and what is accepted (see {@link ConfigProblem}).
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigException(String source, List<ConfigProblem> problems) {
        super(render(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** The errors, in file order. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String render(String source, List<ConfigProblem> problems) {
        String head = problems.size() == 1 ? "1 error in configuration " + source
                : problems.size() + " errors in configuration " + source;
        return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n", head + ":\n", ""));
    }
}
