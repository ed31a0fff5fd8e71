package org.opencpm.it.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.store.history.HistoryFolder;
import org.opencpm.store.history.MessageStore;
import org.opencpm.store.history.MessageStoreContract;
import org.opencpm.store.history.MessageUid;
import org.opencpm.store.history.StoreUnavailableException;
import org.opencpm.store.history.StoredEntry;
import org.opencpm.store.history.imap.ImapMessageStore;

/**
 * The Message Store contract against a real Dovecot over IMAP (METADATA, UIDPLUS), plus what only a
 * remote store can do: lose its connection and be down (AMB-13).
 */
class DovecotMessageStoreTest extends MessageStoreContract {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    private static Dovecot dovecot;
    private static ImapMessageStore store;

    @BeforeAll
    static void start() throws Exception {
        dovecot = Dovecot.start();
        store = new ImapMessageStore(ImapMessageStore.Config.of("127.0.0.1", dovecot.port(), Dovecot.PASSWORD)
                .withCallTimeout(CALL_TIMEOUT).withBackoff(Duration.ofMillis(50), Duration.ofMillis(500)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (store != null) {
            store.close();
        }
        if (dovecot != null) {
            dovecot.stop();
        }
    }

    @Override
    protected MessageStore store() {
        return store;
    }

    @Test
    void theStoreReconnectsAfterDovecotRestarts() throws Exception {
        HistoryFolder conversation = HistoryFolder.conversation(newId());
        MessageUid before = await(store.append(ALICE, conversation, chat(conversation, newId(), "before"), Set.of()));
        dovecot.stop();
        dovecot.restart();
        MessageUid after = await(store.append(ALICE, conversation, chat(conversation, newId(), "after"), Set.of()));
        assertThat(after.uid()).isGreaterThan(before.uid());
        assertThat(await(store.fetch(ALICE, conversation))).hasSize(2);
        assertThat(store.health().reconnects()).isPositive();
    }

    @Test
    @DisplayName("AMB-13 a store outage never blocks callers; queued writes land once it is back")
    void anOutageFailsCallsFastAndQueuedWritesLandAfterRecovery() throws Exception {
        HistoryFolder session = HistoryFolder.session(newId(), newId());
        await(store.createFolder(ALICE, session));
        dovecot.stop();
        try {
            long t0 = System.nanoTime();
            CompletableFuture<MessageUid> info = store.storeSessionInfo(ALICE, session, sessionInfo(session));
            CompletableFuture<MessageUid> message = store.append(ALICE, session, chat(session, newId(), "during"), Set.of());
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("calls return at once").isLessThan(Duration.ofMillis(200));
            for (CompletableFuture<MessageUid> f : List.of(info, message)) {
                assertThatThrownBy(() -> await(f)).isInstanceOfSatisfying(StoreUnavailableException.class,
                        e -> assertThat(e.queuedForRetry()).isTrue());
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("failed within the call timeout")
                    .isLessThan(CALL_TIMEOUT.plusSeconds(1));
            long t1 = System.nanoTime();
            assertThatThrownBy(() -> await(store.fetch(ALICE, session))).isInstanceOf(StoreUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - t1)).isLessThan(CALL_TIMEOUT.plusSeconds(1));
            assertThat(store.health().reachable()).isFalse();
            assertThat(store.health().queued()).isGreaterThanOrEqualTo(2);
        } finally {
            dovecot.restart();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while ((store.health().queued() > 0 || !store.health().reachable()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(store.health().queued()).isZero();
        List<StoredEntry> stored = await(store.fetch(ALICE, session));
        assertThat(stored).hasSize(2);
        assertThat(await(store.getMetadata(ALICE, session, MessageStore.SESSION_INFO_OBJECT_ID)))
                .contains(Long.toString(stored.get(0).uid()));
        assertThat(store.health().dropped()).isZero();
    }
}
