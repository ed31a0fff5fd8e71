package org.opencpm.server.config;

/**
 * Which revision of the seed texts the Participating Function follows where they differ
 * (requirements.md §2 and §5). Choose a procedure variant once, when the procedure is built.
 */
public enum Profile {
    /** CPM Conversation Functions 2.1 (seed 001 for 8.2.2.3), plus the decisions of requirements.md §6. The default. */
    CPM21("CPM21", "2.1"),
    /** CPM 2.0 with the bug-fix CR (seed 000 for 8.2.2.3): RD-03, RD-04, RD-05, RD-07 variants. */
    CPM20("CPM20", "2.0"),
    /** CPM 2.0 draft (seed 004 for 8.2.2.3): media released first, no Reason analysis (RD-01…RD-07). */
    CPM20_EARLY("CPM20-EARLY", "2.0");

    private final String configName;
    private final String release;

    Profile(String configName, String release) {
        this.configName = configName;
        this.release = release;
    }

    /** The spelling in the configuration file, such as {@code CPM20-EARLY}. */
    public String configName() {
        return configName;
    }

    /** The OMA CPM release, such as {@code 2.1}. */
    public String release() {
        return release;
    }

    /** Product token of a network function for {@code Server} / {@code User-Agent} (reference.md §2.4): {@code CPM-serv/OMA2.1}. */
    public String serverToken() {
        return "CPM-serv/OMA" + release;
    }

    /** Product token of a client of this release: {@code CPM-client/OMA2.1}. */
    public String clientToken() {
        return "CPM-client/OMA" + release;
    }
}
