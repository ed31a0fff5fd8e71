package org.opencpm.store.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.store.history.embedded.EmbeddedMessageStore;

class EmbeddedMessageStoreTest extends MessageStoreContract {

    @TempDir
    static Path dir;

    private static EmbeddedMessageStore store;

    @BeforeAll
    static void open() {
        store = EmbeddedMessageStore.open(dir, Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Override
    protected MessageStore store() {
        return store;
    }

    @Test
    void uidsUidValidityAndMetadataSurviveReopening(@TempDir Path other) throws Exception {
        HistoryFolder session = HistoryFolder.session(newId(), newId());
        MessageUid sio;
        MessageUid last;
        try (EmbeddedMessageStore s = EmbeddedMessageStore.open(other, Clock.systemUTC())) {
            sio = await(s.storeSessionInfo(ALICE, session, sessionInfo(session)));
            last = await(s.append(ALICE, session, chat(session, newId(), "before"), Set.of(Flags.SEEN)));
        }
        try (EmbeddedMessageStore s = EmbeddedMessageStore.open(other, Clock.systemUTC())) {
            MessageUid next = await(s.append(ALICE, session, chat(session, newId(), "after"), Set.of()));
            assertThat(next.uidValidity()).isEqualTo(last.uidValidity());
            assertThat(next.uid()).isGreaterThan(last.uid());
            assertThat(await(s.getMetadata(ALICE, session, MessageStore.SESSION_INFO_OBJECT_ID))).contains(sio.value());
            assertThat(await(s.fetch(ALICE, session))).hasSize(3);
            assertThat(await(s.fetch(ALICE, session)).get(1).flags()).containsExactly(Flags.SEEN);
        }
    }
}
