package org.opencpm.store.history.imap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.opencpm.store.history.FolderNotFoundException;
import org.opencpm.store.history.FolderStatus;
import org.opencpm.store.history.HistoryFolder;
import org.opencpm.store.history.MessageStoreException;
import org.opencpm.store.history.MessageUid;
import org.opencpm.store.history.ObjectLocation;
import org.opencpm.store.history.StoredEntry;
import org.opencpm.store.history.StoredObject;

/**
 * The Message Store operations in IMAP commands, on one user's connection (reference §4.8, §6.7).
 * Every operation is idempotent, so a worker may run it again after a lost connection: CREATE treats
 * ALREADYEXISTS as done, APPEND first searches the folder for the object's IMDN-Message-ID, flag and
 * metadata changes set absolute states.
 */
final class ImapOperations {

    private final ImapConnection c;
    private final String user;
    private final String root;
    private final Set<String> existing = new HashSet<>();

    ImapOperations(ImapConnection c, String user, String root) {
        this.c = c;
        this.user = user;
        this.root = root;
        if (!c.hasCapability("UIDPLUS") || !c.hasCapability("METADATA")) {
            throw new MessageStoreException("the IMAP server lacks UIDPLUS (RFC 4315) or METADATA (RFC 5464)");
        }
    }

    String mailbox(HistoryFolder f) {
        char d = c.delimiter();
        return root + d + level(f.conversationId(), d) + (f.isSession() ? d + level(f.contributionId(), d) : "");
    }

    /**
     * One hierarchy level named by an identifier: the delimiter, the LIST wildcards {@code *} and
     * {@code %}, and {@code ~} itself are written {@code ~XX} (hex), so that any Conversation-ID or
     * Contribution-ID is exactly one level.
     */
    static String level(String id, char delimiter) {
        StringBuilder b = new StringBuilder(id.length());
        for (int i = 0; i < id.length(); i++) {
            char ch = id.charAt(i);
            if (ch == delimiter || ch == '*' || ch == '%' || ch == '~') {
                b.append('~').append(String.format("%02X", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    static String unlevel(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '~' && i + 2 < name.length() && isHex(name.charAt(i + 1)) && isHex(name.charAt(i + 2))) {
                b.append((char) Integer.parseInt(name.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    private static boolean isHex(char ch) {
        return Character.digit(ch, 16) >= 0;
    }

    /** Creates the conversation folder, then the session folder: Dovecot's implicit parents are \Noselect. */
    void ensureFolder(HistoryFolder f) throws IOException {
        if (f.isSession()) {
            ensureFolder(f.conversationFolder());
        }
        String name = mailbox(f);
        if (existing.contains(name)) {
            return;
        }
        try {
            c.execute(new ImapCommand("CREATE").mailbox(name));
        } catch (ImapCommandException e) {
            if (!e.hasCode("ALREADYEXISTS")) {
                throw e;
            }
        }
        existing.add(name);
    }

    FolderStatus createFolder(HistoryFolder f) throws IOException {
        ensureFolder(f);
        return status(f).orElseThrow(() -> new MessageStoreException("folder " + f + " vanished after CREATE"));
    }

    Optional<FolderStatus> status(HistoryFolder f) throws IOException {
        ImapConnection.Result r;
        try {
            r = c.execute(new ImapCommand("STATUS").mailbox(mailbox(f)).raw("(UIDVALIDITY UIDNEXT MESSAGES)"));
        } catch (ImapCommandException e) {
            return Optional.empty();
        }
        long validity = 0;
        long next = 0;
        long messages = 0;
        for (ImapConnection.Untagged u : r.all("STATUS")) {
            ImapParser p = u.parser();
            p.value();
            List<?> items = (List<?>) p.value();
            for (int i = 0; i + 1 < items.size(); i += 2) {
                String key = ImapParser.asString(items.get(i)).toUpperCase(Locale.ROOT);
                long v = Long.parseLong(ImapParser.asString(items.get(i + 1)));
                switch (key) {
                    case "UIDVALIDITY" -> validity = v;
                    case "UIDNEXT" -> next = v;
                    case "MESSAGES" -> messages = v;
                    default -> {
                        // other status items are not asked for
                    }
                }
            }
        }
        return Optional.of(new FolderStatus(f, validity, next, (int) messages));
    }

    List<HistoryFolder> listFolders() throws IOException {
        char d = c.delimiter();
        ImapConnection.Result r = c.execute(new ImapCommand("LIST").astring("").mailbox(root + d + "*"));
        List<HistoryFolder> out = new ArrayList<>();
        for (ImapConnection.Untagged u : r.all("LIST")) {
            ImapParser p = u.parser();
            List<?> attributes = (List<?>) p.value();
            p.value();
            String name = MailboxNames.decode(p.string());
            if (attributes.stream().anyMatch(a -> "\\Noselect".equalsIgnoreCase(ImapParser.asString(a)))
                    || !name.startsWith(root + d)) {
                continue;
            }
            String[] levels = name.substring(root.length() + 1).split(java.util.regex.Pattern.quote(String.valueOf(d)));
            try {
                if (levels.length == 1) {
                    out.add(HistoryFolder.conversation(unlevel(levels[0])));
                } else if (levels.length == 2) {
                    out.add(HistoryFolder.session(unlevel(levels[0]), unlevel(levels[1])));
                }
            } catch (IllegalArgumentException e) {
                // a folder a person made by hand, not one of ours
            }
        }
        out.sort(Comparator.comparing(HistoryFolder::conversationId)
                .thenComparing(f -> f.isSession() ? f.contributionId() : ""));
        return out;
    }

    /** SELECTs {@code f}; false if it does not exist. */
    boolean select(HistoryFolder f) throws IOException {
        String name = mailbox(f);
        if (name.equals(c.selected())) {
            return true;
        }
        return c.select(name) != null;
    }

    MessageUid append(HistoryFolder f, StoredObject object, Set<String> flags) throws IOException {
        if (!select(f)) {
            ensureFolder(f);
            if (!select(f)) {
                throw new FolderNotFoundException(user, f);
            }
        }
        Optional<String> messageId = object.imdnMessageId();
        if (messageId.isPresent()) {
            Optional<Long> uid = searchMessageId(messageId.get());
            if (uid.isPresent()) {
                return new MessageUid(status(f).orElseThrow().uidValidity(), uid.get());
            }
        }
        ImapConnection.Result r = c.execute(new ImapCommand("APPEND").mailbox(mailbox(f))
                .raw("(" + String.join(" ", flags) + ")").literal(object.toBytes()));
        String code = r.code();
        String[] parts = code == null ? new String[0] : code.split(" ");
        if (parts.length != 3 || !parts[0].equalsIgnoreCase("APPENDUID")) {
            throw new MessageStoreException("APPEND to " + mailbox(f) + " returned no APPENDUID (RFC 4315): " + code);
        }
        return new MessageUid(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    }

    /** The UID of the object with exactly this IMDN-Message-ID in the selected folder. */
    private Optional<Long> searchMessageId(String messageId) throws IOException {
        ImapConnection.Result r = c.execute(new ImapCommand("UID SEARCH").raw("HEADER")
                .raw(StoredObject.IMDN_MESSAGE_ID).astring(messageId));
        List<Long> hits = new ArrayList<>();
        for (ImapConnection.Untagged u : r.all("SEARCH")) {
            ImapParser p = u.parser();
            while (!p.atEnd()) {
                hits.add(Long.parseLong(p.atom()));
                p.skipSpaces();
            }
        }
        if (hits.isEmpty()) {
            return Optional.empty();
        }
        // SEARCH HEADER matches substrings (RFC 3501 §6.4.4): confirm the exact value
        StringBuilder set = new StringBuilder();
        for (Long h : hits) {
            set.append(set.length() == 0 ? "" : ",").append(h);
        }
        ImapConnection.Result f = c.execute(new ImapCommand("UID FETCH").raw(set.toString())
                .raw("(UID BODY.PEEK[HEADER.FIELDS (" + StoredObject.IMDN_MESSAGE_ID + ")])"));
        Long best = null;
        for (ImapConnection.Untagged u : f.all("FETCH")) {
            List<?> items = (List<?>) u.parser().value();
            Long uid = null;
            String header = null;
            for (int i = 0; i + 1 < items.size(); i += 2) {
                String key = ImapParser.asString(items.get(i)).toUpperCase(Locale.ROOT);
                if (key.equals("UID")) {
                    uid = Long.parseLong(ImapParser.asString(items.get(i + 1)));
                } else if (key.startsWith("BODY[")) {
                    header = ImapParser.asString(items.get(i + 1));
                }
            }
            if (uid != null && header != null && StoredObject.parse(header.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .imdnMessageId().filter(messageId::equals).isPresent() && (best == null || uid < best)) {
                best = uid;
            }
        }
        return Optional.ofNullable(best);
    }

    void setMetadata(HistoryFolder f, String entry, String value) throws IOException {
        ImapCommand cmd = new ImapCommand("SETMETADATA").mailbox(mailbox(f)).raw("(" + entry);
        if (value == null) {
            cmd.raw("NIL)");
        } else {
            cmd.astring(value).raw(")");
        }
        try {
            c.execute(cmd);
        } catch (ImapCommandException e) {
            if (status(f).isEmpty()) {
                throw new FolderNotFoundException(user, f);
            }
            throw e;
        }
    }

    Optional<String> getMetadata(HistoryFolder f, String entry) throws IOException {
        ImapConnection.Result r;
        try {
            r = c.execute(new ImapCommand("GETMETADATA").mailbox(mailbox(f)).raw("(" + entry + ")"));
        } catch (ImapCommandException e) {
            return Optional.empty();
        }
        for (ImapConnection.Untagged u : r.all("METADATA")) {
            ImapParser p = u.parser();
            p.value();
            List<?> items = (List<?>) p.value();
            for (int i = 0; i + 1 < items.size(); i += 2) {
                // RFC 5464 entry names are case-insensitive; Dovecot answers them lower-cased (reference §15)
                if (ImapParser.asString(items.get(i)).equalsIgnoreCase(entry) && items.get(i + 1) != null) {
                    return Optional.of(ImapParser.asString(items.get(i + 1)));
                }
            }
        }
        return Optional.empty();
    }

    void storeFlags(HistoryFolder f, long uid, Set<String> flags, boolean add) throws IOException {
        if (!select(f)) {
            throw new FolderNotFoundException(user, f);
        }
        c.execute(new ImapCommand("UID STORE").raw(Long.toString(uid)).raw((add ? "+" : "-") + "FLAGS.SILENT")
                .raw("(" + String.join(" ", flags) + ")"));
    }

    Optional<ObjectLocation> findByMessageId(String messageId) throws IOException {
        for (HistoryFolder f : listFolders()) {
            if (select(f)) {
                Optional<Long> uid = searchMessageId(messageId);
                if (uid.isPresent()) {
                    return Optional.of(new ObjectLocation(f, new MessageUid(status(f).orElseThrow().uidValidity(),
                            uid.get())));
                }
            }
        }
        return Optional.empty();
    }

    List<StoredEntry> fetch(HistoryFolder f) throws IOException {
        if (!select(f)) {
            return List.of();
        }
        ImapConnection.Result r = c.execute(new ImapCommand("UID FETCH").raw("1:*").raw("(UID FLAGS BODY.PEEK[])"));
        List<StoredEntry> out = new ArrayList<>();
        for (ImapConnection.Untagged u : r.all("FETCH")) {
            List<?> items = (List<?>) u.parser().value();
            long uid = 0;
            Set<String> flags = new LinkedHashSet<>();
            byte[] body = null;
            for (int i = 0; i + 1 < items.size(); i += 2) {
                String key = ImapParser.asString(items.get(i)).toUpperCase(Locale.ROOT);
                Object v = items.get(i + 1);
                if (key.equals("UID")) {
                    uid = Long.parseLong(ImapParser.asString(v));
                } else if (key.equals("FLAGS")) {
                    for (Object flag : (List<?>) v) {
                        String s = ImapParser.asString(flag);
                        if (!s.equalsIgnoreCase("\\Recent")) {
                            flags.add(s);
                        }
                    }
                } else if (key.equals("BODY[]")) {
                    body = v instanceof byte[] b ? b : ImapParser.asString(v).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            if (uid > 0 && body != null) {
                out.add(new StoredEntry(f, uid, flags, StoredObject.parse(body)));
            }
        }
        out.sort(Comparator.comparingLong(StoredEntry::uid));
        return out;
    }
}
