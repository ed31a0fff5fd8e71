package org.opencpm.server;

/** {@code ./opencpm server}: placeholder until the server is assembled. */
public final class ServerMain {
    private ServerMain() {
    }

    public static int run(String[] args) {
        System.err.println("opencpm server: not assembled yet");
        return 1;
    }
}
