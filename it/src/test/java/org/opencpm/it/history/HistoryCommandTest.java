package org.opencpm.it.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.launcher.HistoryCommand;
import org.opencpm.store.history.Flags;
import org.opencpm.store.history.HistoryFolder;
import org.opencpm.store.history.MessageStore;
import org.opencpm.store.history.SessionInfo;
import org.opencpm.store.history.StoredObject;
import org.opencpm.store.history.embedded.EmbeddedMessageStore;
import org.opencpm.store.history.imap.ImapMessageStore;

/** {@code ./opencpm history}: a person can see what was recorded, from either store. */
class HistoryCommandTest {

    private static final String ALICE = "sip:alice@example.com";

    @TempDir
    Path dir;

    private record Output(int exit, String out, String err) {
    }

    private static Output history(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new HistoryCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Output(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static HistoryFolder record(MessageStore store) throws Exception {
        HistoryFolder session = HistoryFolder.session(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        OffsetDateTime date = OffsetDateTime.of(2025, 6, 10, 9, 12, 44, 0, ZoneOffset.UTC);
        StoredObject.Builder headers = StoredObject.builder().from(ALICE).to("sip:bob@example.com").date(date)
                .conversationId(session.conversationId()).contributionId(session.contributionId())
                .direction(StoredObject.Direction.SENT);
        store.storeSessionInfo(ALICE, session, new SessionInfo("1-1", "o=- 1 1 IN IP4 127.0.0.1",
                List.of("sip:bob@example.com"), SessionInfo.Variant.BARE).toObject(headers.imdnMessageId("sio-1")))
                .get(10, TimeUnit.SECONDS);
        store.append(ALICE, session, headers.imdnMessageId("msg-1").contentType(StoredObject.MESSAGE_CPIM)
                .body("From: <sip:alice@example.com>\r\nTo: <sip:bob@example.com>\r\n\r\n"
                        + "Content-Type: text/plain\r\n\r\nHello Bob").build(), Set.of(Flags.SEEN))
                .get(10, TimeUnit.SECONDS);
        return session;
    }

    private static void assertShows(Path config, HistoryFolder session) {
        Output list = history("--user", ALICE, "--config", config.toString());
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("conversation " + session.conversationId())
                .contains("session " + session.contributionId() + "  2 objects  SessionInfoObjectID=1");
        Output one = history("--user", ALICE, "--config", config.toString(), "--conversation", session.conversationId());
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(one.out()).contains("uid 1 [] application/x-cpm-session")
                .contains("uid 2 [\\Seen] message/cpim  sent  From: sip:alice@example.com")
                .contains("Hello Bob");
    }

    @Test
    void showsTheEmbeddedStoresFoldersAndObjects() throws Exception {
        HistoryFolder session;
        try (EmbeddedMessageStore store = EmbeddedMessageStore.open(dir.resolve("data"), Clock.systemUTC())) {
            session = record(store);
        }
        Path config = Files.writeString(dir.resolve("opencpm.yaml"), "data-dir: " + dir.resolve("data") + "\n");
        assertShows(config, session);
    }

    @Test
    void showsWhatDovecotHolds() throws Exception {
        Dovecot dovecot = Dovecot.start();
        try {
            HistoryFolder session;
            try (ImapMessageStore store = new ImapMessageStore(
                    ImapMessageStore.Config.of("127.0.0.1", dovecot.port(), Dovecot.PASSWORD))) {
                session = record(store);
            }
            Path config = Files.writeString(dir.resolve("opencpm.yaml"), "message-store:\n  type: imap\n"
                    + "  imap: { host: 127.0.0.1, port: " + dovecot.port() + ", password: " + Dovecot.PASSWORD + " }\n");
            assertShows(config, session);
        } finally {
            dovecot.stop();
        }
    }

    @Test
    void aMissingUserIsAUsageError() {
        assertThat(history().exit()).isEqualTo(2);
    }
}
