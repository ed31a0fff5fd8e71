package org.opencpm.store.history.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.store.history.HistoryFolder;
import org.opencpm.store.history.MessageUid;
import org.opencpm.store.history.StoreUnavailableException;
import org.opencpm.store.history.StoredObject;

/**
 * The IMAP store against scripted and absent servers: the commands it sends, and how it fails when
 * the server is down or stalls (AMB-13). The contract against a real Dovecot is in the it module.
 */
class ImapMessageStoreTest {

    private static final HistoryFolder C1 = HistoryFolder.conversation("c1");

    private static ImapMessageStore.Config config(int port, Duration callTimeout, int capacity) {
        return new ImapMessageStore.Config("127.0.0.1", port, "secret", "Default", 1, callTimeout,
                Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMinutes(1), capacity,
                Duration.ofMillis(50), Duration.ofMillis(200));
    }

    private static StoredObject message(String id) {
        return StoredObject.builder().from("sip:alice@example.com").to("sip:bob@example.com")
                .date(OffsetDateTime.of(2025, 6, 10, 9, 12, 44, 0, ZoneOffset.UTC)).conversationId("c1")
                .imdnMessageId(id).contentType(StoredObject.MESSAGE_CPIM).body("x").build();
    }

    private static Throwable failure(CompletableFuture<?> f) throws Exception {
        try {
            f.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure, got " + f.get());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void appendSelectsSearchesForTheMessageIdThenAppendsWithASynchronisingLiteral() throws Exception {
        int size = message("m1").toBytes().length;
        try (ScriptedImapServer server = ScriptedImapServer.answering(
                "TAG OK [CAPABILITY IMAP4rev1 UIDPLUS METADATA] Logged in",
                "* LIST (\\Noselect) \"/\" \"\"\r\nTAG OK List completed",
                "* 0 EXISTS\r\n* OK [UIDVALIDITY 42] UIDs valid\r\n* OK [UIDNEXT 7] next\r\nTAG OK [READ-WRITE] Selected",
                "* SEARCH\r\nTAG OK Search completed",
                "TAG OK [APPENDUID 42 7] Append completed");
             ImapMessageStore store = new ImapMessageStore(config(server.port(), Duration.ofSeconds(3), 100))) {
            MessageUid uid = store.append("sip:alice@example.com", C1, message("m1"), Set.of("\\Seen"))
                    .get(5, TimeUnit.SECONDS);
            assertThat(uid).isEqualTo(new MessageUid(42, 7));
            assertThat(server.received).containsExactly(
                    "LOGIN \"alice@example.com\" \"secret\"",
                    "LIST \"\" \"\"",
                    "SELECT \"Default/c1\"",
                    "UID SEARCH HEADER IMDN-Message-ID \"m1\"",
                    "APPEND \"Default/c1\" (\\Seen) <" + size + " bytes>");
        }
    }

    @Test
    void aServerWithoutMetadataIsRefused() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.answering(
                "TAG OK [CAPABILITY IMAP4rev1 UIDPLUS] Logged in", "* LIST () \"/\" \"\"\r\nTAG OK done");
             ImapMessageStore store = new ImapMessageStore(config(server.port(), Duration.ofSeconds(3), 100))) {
            assertThat(failure(store.listFolders("sip:alice@example.com"))).hasMessageContaining("METADATA");
        }
    }

    @Test
    @DisplayName("AMB-13 nothing listening: writes fail at once but stay queued, reads fail at once")
    void withNothingListeningWritesAreQueuedAndReadsFail() throws Exception {
        ImapMessageStore store = new ImapMessageStore(config(closedPort(), Duration.ofSeconds(3), 100));
        try {
            long t0 = System.nanoTime();
            Throwable write = failure(store.append("sip:alice@example.com", C1, message("m1"), Set.of()));
            assertThat(write).isInstanceOfSatisfying(StoreUnavailableException.class,
                    e -> assertThat(e.queuedForRetry()).isTrue());
            Throwable read = failure(store.fetch("sip:alice@example.com", C1));
            assertThat(read).isInstanceOfSatisfying(StoreUnavailableException.class,
                    e -> assertThat(e.queuedForRetry()).isFalse());
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            assertThat(store.health().reachable()).isFalse();
            assertThat(store.health().queued()).isEqualTo(1);
        } finally {
            store.close();
        }
        assertThat(store.health().dropped()).as("closing drops what is still queued, loudly").isEqualTo(1);
    }

    @Test
    @DisplayName("AMB-13 a stalled server: the caller hears within the call timeout")
    void aStalledServerFailsCallsWithinTheCallTimeout() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.silent();
             ImapMessageStore store = new ImapMessageStore(config(server.port(), Duration.ofMillis(300), 100))) {
            long t0 = System.nanoTime();
            CompletableFuture<MessageUid> append = store.append("sip:alice@example.com", C1, message("m1"), Set.of());
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(100));
            assertThat(failure(append)).isInstanceOfSatisfying(StoreUnavailableException.class,
                    e -> assertThat(e.queuedForRetry()).isTrue());
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(900));
        }
    }

    @Test
    void aFullQueueRefusesMoreWorkWithoutKeepingIt() throws Exception {
        try (ImapMessageStore store = new ImapMessageStore(config(closedPort(), Duration.ofSeconds(3), 2))) {
            failure(store.append("sip:alice@example.com", C1, message("m1"), Set.of()));
            failure(store.append("sip:alice@example.com", C1, message("m2"), Set.of()));
            assertThat(failure(store.append("sip:alice@example.com", C1, message("m3"), Set.of())))
                    .isInstanceOfSatisfying(StoreUnavailableException.class,
                            e -> assertThat(e.queuedForRetry()).isFalse());
            assertThat(store.health().queued()).isEqualTo(2);
        }
    }

    @Test
    void onlyALostConnectionIsRetried() {
        assertThat(ImapMessageStore.connectionLost(new java.net.ConnectException("refused"))).isTrue();
        assertThat(ImapMessageStore.connectionLost(new java.net.SocketTimeoutException("read"))).isTrue();
        assertThat(ImapMessageStore.connectionLost(new java.io.EOFException("closed"))).isTrue();
        assertThat(ImapMessageStore.connectionLost(new ImapProtocolException("garbage"))).isTrue();
        assertThat(ImapMessageStore.connectionLost(new ImapCommandException("APPEND", "NO", "OVERQUOTA", "full")))
                .isFalse();
        assertThat(ImapMessageStore.connectionLost(new org.opencpm.store.history.FolderNotFoundException("a",
                C1))).isFalse();
    }

    @Test
    void badArgumentsAreRefusedAtTheCall() {
        try (ImapMessageStore store = new ImapMessageStore(config(1, Duration.ofSeconds(3), 2))) {
            assertThatThrownBy(() -> store.addFlags("sip:alice@example.com", C1, 1, Set.of("two words")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.setMetadata("sip:alice@example.com", C1, "/vendor/x", "v"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
