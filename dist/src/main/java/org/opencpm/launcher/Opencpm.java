package org.opencpm.launcher;

import java.util.Arrays;

/** Entry point of the {@code ./opencpm} launcher: dispatches to the server, the client CLI or the history reader. */
public final class Opencpm {

    private Opencpm() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: opencpm server|client|history ...");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "server" -> System.exit(org.opencpm.server.ServerMain.run(rest));
            case "history" -> System.exit(new HistoryCommand(System.out, System.err).run(rest));
            case "client" -> System.exit(org.opencpm.client.cli.ClientMain.run(rest));
            default -> {
                System.err.println("opencpm: unknown command " + args[0]);
                System.exit(2);
            }
        }
    }
}
