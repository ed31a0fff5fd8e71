package org.opencpm.launcher;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.opencpm.server.config.ConfigException;
import org.opencpm.server.config.ConfigLoader;
import org.opencpm.server.config.MessageStoreConfig;
import org.opencpm.server.config.ServerConfig;
import org.opencpm.store.history.HistoryFolder;
import org.opencpm.store.history.MessageStore;
import org.opencpm.store.history.StoredEntry;
import org.opencpm.store.history.StoredObject;
import org.opencpm.store.history.embedded.EmbeddedMessageStore;
import org.opencpm.store.history.imap.ImapMessageStore;

/**
 * {@code ./opencpm history --user URI [--config FILE] [--conversation ID]}: shows what the CPM Message
 * Store recorded for one user, from the store the configuration names ({@code message-store.type}).
 * Without {@code --conversation} it lists the user's conversation and session folders with their
 * object counts and metadata entries; with it, the objects of that conversation, folder by folder.
 */
public final class HistoryCommand {

    private static final String USAGE =
            "usage: ./opencpm history --user sip:alice@example.com [--config FILE] [--conversation ID]";

    private final PrintStream out;
    private final PrintStream err;

    public HistoryCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command; returns the process exit code. */
    public int run(String[] args) {
        String user = null;
        String conversation = null;
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE);
                return 0;
            }
            if (i + 1 >= args.length || !List.of("--user", "--config", "-c", "--conversation").contains(a)) {
                err.println("opencpm history: unexpected argument '" + a + "'\n" + USAGE);
                return 2;
            }
            String v = args[++i];
            switch (a) {
                case "--user" -> user = v;
                case "--conversation" -> conversation = v;
                default -> configFile = Path.of(v);
            }
        }
        if (user == null) {
            err.println("opencpm history: --user is required\n" + USAGE);
            return 2;
        }
        ServerConfig config;
        try {
            config = configFile == null ? ServerConfig.defaults() : ConfigLoader.load(configFile);
        } catch (ConfigException e) {
            err.println("opencpm history: invalid configuration\n" + e.getMessage());
            return 2;
        }
        MessageStoreConfig ms = config.messageStore();
        MessageStore store;
        if (ms.type() == MessageStoreConfig.Type.IMAP) {
            out.println("Message Store: IMAP " + ms.imap().host() + ":" + ms.imap().port());
            store = new ImapMessageStore(ImapMessageStore.Config.of(ms.imap().host(), ms.imap().port(),
                    ms.imap().password().orElse("")));
        } else {
            Path db = config.dataDir().resolve(EmbeddedMessageStore.NAME + ".db");
            out.println("Message Store: embedded " + db);
            if (!Files.exists(db)) {
                out.println("(nothing recorded yet)");
                return 0;
            }
            store = EmbeddedMessageStore.open(config.dataDir(), Clock.systemUTC());
        }
        try (store) {
            if (conversation == null) {
                listFolders(store, user);
            } else {
                showConversation(store, user, conversation);
            }
            return 0;
        } catch (ExecutionException e) {
            err.println("opencpm history: " + e.getCause().getMessage());
            return 1;
        } catch (Exception e) {
            err.println("opencpm history: " + e);
            return 1;
        }
    }

    private void listFolders(MessageStore store, String user) throws Exception {
        List<HistoryFolder> folders = get(store.listFolders(user));
        out.println("History of " + user + ": " + folders.stream().filter(f -> !f.isSession()).count()
                + " conversations");
        for (HistoryFolder f : folders) {
            int n = get(store.status(user, f)).map(s -> s.messages()).orElse(0);
            StringBuilder line = new StringBuilder(f.isSession() ? "  session " + f.contributionId()
                    : "conversation " + f.conversationId());
            line.append("  ").append(n).append(n == 1 ? " object" : " objects");
            if (f.isSession()) {
                appendEntry(line, store, user, f, "SessionInfoObjectID", MessageStore.SESSION_INFO_OBJECT_ID);
                appendEntry(line, store, user, f, "GroupStateObjectID", MessageStore.GROUP_STATE_OBJECT_ID);
            }
            out.println(line);
        }
    }

    private void appendEntry(StringBuilder line, MessageStore store, String user, HistoryFolder f, String label,
                             String entry) throws Exception {
        Optional<String> v = get(store.getMetadata(user, f, entry));
        v.ifPresent(uid -> line.append("  ").append(label).append('=').append(uid));
    }

    private void showConversation(MessageStore store, String user, String conversation) throws Exception {
        List<HistoryFolder> folders = get(store.listFolders(user)).stream()
                .filter(f -> f.conversationId().equals(conversation)).toList();
        if (folders.isEmpty()) {
            out.println("no conversation " + conversation + " for " + user);
            return;
        }
        for (HistoryFolder f : folders) {
            out.println(f.isSession() ? "session " + f : "conversation " + f);
            for (StoredEntry e : get(store.fetch(user, f))) {
                StoredObject o = e.object();
                out.println("  uid " + e.uid() + " " + e.flags() + " " + o.mediaType()
                        + "  " + o.header(StoredObject.MESSAGE_DIRECTION).orElse("")
                        + "  From: " + o.header(StoredObject.FROM).orElse("?")
                        + "  To: " + o.header(StoredObject.TO).orElse("?")
                        + "  Date: " + o.header(StoredObject.DATE).orElse("?")
                        + "  IMDN-Message-ID: " + o.imdnMessageId().orElse("-"));
                out.println("      " + preview(o.body()));
            }
        }
    }

    /** The last part of the body (a CPIM message's text, an XML document), on one line. */
    static String preview(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8).replace("\r\n", "\n");
        int split = s.strip().lastIndexOf("\n\n");
        String tail = (split >= 0 ? s.strip().substring(split + 2) : s).strip().replaceAll("\\s*\n\\s*", " ");
        return tail.length() > 160 ? tail.substring(0, 157) + "..." : tail;
    }

    private static <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }
}
