package org.opencpm.client.cli;

import java.util.Arrays;
import java.util.List;

/**
 * One line of the client's standard input, parsed (design.md §3): {@code /chat URI}, {@code /send TEXT},
 * {@code /sendmsg URI TEXT}, {@code /group URI URI...}, {@code /leave}, {@code /quit}. A line that does not
 * start with {@code /} is sent to the current chat, as {@code /send} would.
 */
sealed interface Command {

    record Chat(String peer) implements Command {
    }

    record Send(String text) implements Command {
    }

    record SendMessage(String peer, String text) implements Command {
    }

    record Group(List<String> participants) implements Command {
    }

    record Leave() implements Command {
    }

    record Quit() implements Command {
    }

    /** An empty line: nothing to do. */
    record Nothing() implements Command {
    }

    /** A line that is not a valid command; {@code message} says why, for one {@code !} line. */
    record Invalid(String message) implements Command {
    }

    String USAGE = "commands: /chat URI, /send TEXT, /sendmsg URI TEXT, /group URI URI..., /leave, /quit";

    static Command parse(String line) {
        String l = line.strip();
        if (l.isEmpty()) {
            return new Nothing();
        }
        if (!l.startsWith("/")) {
            return new Send(l);
        }
        int sp = l.indexOf(' ');
        String name = sp < 0 ? l : l.substring(0, sp);
        String rest = sp < 0 ? "" : l.substring(sp + 1).strip();
        switch (name) {
            case "/chat":
                return rest.isEmpty() || rest.contains(" ") ? new Invalid("usage: /chat URI") : new Chat(rest);
            case "/send":
                return rest.isEmpty() ? new Invalid("usage: /send TEXT") : new Send(rest);
            case "/sendmsg": {
                int s = rest.indexOf(' ');
                if (s < 0) {
                    return new Invalid("usage: /sendmsg URI TEXT");
                }
                return new SendMessage(rest.substring(0, s), rest.substring(s + 1).strip());
            }
            case "/group":
                return rest.isEmpty() ? new Invalid("usage: /group URI URI...")
                        : new Group(List.copyOf(Arrays.asList(rest.split("\\s+"))));
            case "/leave":
                return new Leave();
            case "/quit":
            case "/exit":
                return new Quit();
            default:
                return new Invalid("unknown command " + name + " (" + USAGE + ")");
        }
    }
}
