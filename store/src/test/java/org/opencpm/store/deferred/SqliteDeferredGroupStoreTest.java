package org.opencpm.store.deferred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.store.deferred.SqliteDeferredMessageStoreTest.get;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.common.time.VirtualScheduler;

class SqliteDeferredGroupStoreTest {

    private static final String BOB = "sip:bob@example.com";
    private static final GroupSessionRef GROUP =
            new GroupSessionRef("sip:chat@example.com;id=g1", "conv-1", "contrib-1");

    @TempDir
    Path dir;

    private final VirtualScheduler time = new VirtualScheduler();
    private SqliteDeferredGroupStore store;

    @BeforeEach
    void open() {
        store = SqliteDeferredGroupStore.open(dir, DeferredStoreConfig.DEFAULTS, time);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    @DisplayName("PF-T-DEF-02: remaining in a group session for a user twice keeps one deferral")
    void remainIsIdempotent() throws Exception {
        DeferredGroupSession a = get(store.remain(BOB, GROUP));
        DeferredGroupSession b = get(store.remain(BOB, GROUP));
        assertThat(b.id()).isEqualTo(a.id());
        assertThat(b.session()).isEqualTo(GROUP);
        assertThat(b.participantInfo()).isNull();
        assertThat(get(store.sessions(BOB))).hasSize(1);
        assertThat(get(store.sessions("sip:carol@example.com"))).isEmpty();
    }

    @Test
    @DisplayName("PF-T-DEF-02, PF-T-DEF-06: intercepted messages and IMDNs survive a restart and come back in order, each once")
    void interceptedItemsInOrderAcrossRestart() throws Exception {
        long id = get(store.remain(BOB, GROUP)).id();
        long s1 = get(store.intercept(id, message("m1")));
        long s2 = get(store.intercept(id, imdn("n1")));
        long s3 = get(store.intercept(id, message("m2")));
        assertThat(get(store.intercept(id, message("m1")))).as("MSRP retransmission").isEqualTo(s1);
        store.close();

        store = SqliteDeferredGroupStore.open(dir, DeferredStoreConfig.DEFAULTS, time);
        DeferredGroupSession back = get(store.sessions(BOB)).get(0);
        assertThat(get(store.items(back.id(), 0, 100))).extracting(StoredGroupItem::seq).containsExactly(s1, s2, s3);
        assertThat(get(store.items(back.id(), 0, 100))).extracting(i -> i.item().kind())
                .containsExactly(GroupItem.Kind.MESSAGE, GroupItem.Kind.NOTIFICATION, GroupItem.Kind.MESSAGE);

        assertThat(get(store.markDelivered(back.id(), s2))).isEqualTo(2);
        assertThat(get(store.items(back.id(), 0, 100))).extracting(i -> i.item().messageId()).containsExactly("m2");
    }

    @Test
    @DisplayName("PF-T-DEF-05: the latest Participant Information replaces the previous one")
    void latestParticipantInfo() throws Exception {
        long id = get(store.remain(BOB, GROUP)).id();
        assertThat(get(store.updateParticipantInfo(id, "application/conference-info+xml", bytes("v1")))).isTrue();
        time.advance(Duration.ofSeconds(5));
        get(store.updateParticipantInfo(id, "application/conference-info+xml", bytes("v2")));
        ParticipantInfo info = get(store.remain(BOB, GROUP)).participantInfo();
        assertThat(new String(info.document(), StandardCharsets.UTF_8)).isEqualTo("v2");
        assertThat(info.updatedAt()).isEqualTo(Instant.ofEpochMilli(time.currentTimeMillis()));
    }

    @Test
    @DisplayName("PF-T-DEF-07/08: a re-join finds the deferral by session identity or Contribution-ID")
    void findForRejoin() throws Exception {
        long id = get(store.remain(BOB, GROUP)).id();
        assertThat(get(store.find(BOB, "contrib-1"))).hasValueSatisfying(s -> assertThat(s.id()).isEqualTo(id));
        assertThat(get(store.find(BOB, GROUP.sessionIdentity()))).isPresent();
        assertThat(get(store.find(BOB, "unknown"))).isEmpty();
        assertThat(get(store.find("sip:carol@example.com", "contrib-1"))).isEmpty();
    }

    @Test
    @DisplayName("PF-T-DEF: ending a deferral forgets its items; intercepting into an ended deferral fails")
    void endForgetsEverything() throws Exception {
        long id = get(store.remain(BOB, GROUP)).id();
        get(store.intercept(id, message("m1")));
        assertThat(get(store.end(id))).isTrue();
        assertThat(get(store.items(id, 0, 10))).isEmpty();
        assertThat(get(store.sessions(BOB))).isEmpty();
        assertThatThrownBy(() -> get(store.intercept(id, message("m2")))).isInstanceOf(ExecutionException.class);
    }

    @Test
    @DisplayName("PF-IMDN-OB-03, AMB-39: intercepted messages past expiry are listed with the notifications asked for")
    void expiry() throws Exception {
        long id = get(store.remain(BOB, GROUP)).id();
        long seq = get(store.intercept(id, message("m1")));
        time.advance(Duration.ofDays(7));
        var expired = get(store.expired(Instant.ofEpochMilli(time.currentTimeMillis()), 10));
        assertThat(expired).singleElement().satisfies(i -> {
            assertThat(i.seq()).isEqualTo(seq);
            assertThat(i.item().notifications()).contains(RequestedNotification.NEGATIVE_DELIVERY);
        });
        assertThat(get(store.removeItem(seq))).isTrue();
        assertThat(get(store.items(id, 0, 10))).isEmpty();
    }

    private static GroupItem message(String messageId) {
        return new GroupItem(GroupItem.Kind.MESSAGE, "sip:alice@example.com", messageId, "message/cpim",
                bytes("hello " + messageId), EnumSet.of(RequestedNotification.NEGATIVE_DELIVERY));
    }

    private static GroupItem imdn(String messageId) {
        return new GroupItem(GroupItem.Kind.NOTIFICATION, "sip:alice@example.com", messageId, "message/cpim",
                bytes("<imdn/>"), Set.of());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
