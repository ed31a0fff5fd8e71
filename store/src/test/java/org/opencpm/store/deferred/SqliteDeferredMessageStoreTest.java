package org.opencpm.store.deferred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.common.time.VirtualScheduler;

class SqliteDeferredMessageStoreTest {

    private static final String BOB = "sip:bob@example.com";
    private static final String ALICE = "sip:alice@example.com";
    private static final String CAROL = "sip:carol@example.com";

    @TempDir
    Path dir;

    private final VirtualScheduler time = new VirtualScheduler();
    private SqliteDeferredMessageStore store;

    @BeforeEach
    void open() {
        store = SqliteDeferredMessageStore.open(dir, DeferredStoreConfig.DEFAULTS, time);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    @DisplayName("8.3.1.6: deferred messages come out in acceptance order, so each sender's order is kept")
    void pendingInAcceptanceOrder() throws Exception {
        List<CompletableFuture<Accepted>> fs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            fs.add(store.accept(message(BOB, i % 2 == 0 ? ALICE : CAROL, "m" + i)));
        }
        for (var f : fs) {
            get(f);
        }
        get(store.accept(message(ALICE, CAROL, "other-user")));

        List<StoredMessage> pending = get(store.pending(BOB));
        assertThat(pending).extracting(m -> m.message().messageId())
                .containsExactlyElementsOf(IntStream.range(0, 30).mapToObj(i -> "m" + i).toList());
        assertThat(pending).extracting(StoredMessage::id).isSorted();
        assertThat(get(store.countPending(BOB))).isEqualTo(30);
        assertThat(get(store.pending(BOB, pending.get(9).id(), 5))).extracting(m -> m.message().messageId())
                .containsExactly("m10", "m11", "m12", "m13", "m14");
    }

    @Test
    @DisplayName("8.3.1.6: a stored message keeps every field and its body byte for byte; expiry is the policy's 7 days")
    void fieldsRoundTrip() throws Exception {
        byte[] body = new byte[70_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        DeferredMessage m = new DeferredMessage(BOB, ALICE, "Mx8Qe2Lk1", "conv-1", "contrib-1", "message/cpim", body,
                EnumSet.of(RequestedNotification.POSITIVE_DELIVERY, RequestedNotification.DISPLAY));
        Accepted a = get(store.accept(m));
        Instant now = Instant.ofEpochMilli(time.currentTimeMillis());
        assertThat(a.duplicate()).isFalse();
        assertThat(a.expiresAt()).isEqualTo(now.plus(Duration.ofDays(7)));

        StoredMessage s = get(store.pending(BOB)).get(0);
        assertThat(s.id()).isEqualTo(a.id());
        assertThat(s.acceptedAt()).isEqualTo(now);
        assertThat(s.attempts()).isZero();
        assertThat(s.message().body()).isEqualTo(body);
        assertThat(s.message()).usingRecursiveComparison().ignoringFields("body").isEqualTo(m);
    }

    @Test
    @DisplayName("8.3.1.6: a retransmitted MESSAGE (same recipient and imdn.Message-ID) is stored once, even after delivery")
    void duplicateAcceptIsIdempotent() throws Exception {
        Accepted first = get(store.accept(message(BOB, ALICE, "m1")));
        Accepted again = get(store.accept(message(BOB, ALICE, "m1")));
        Accepted forCarol = get(store.accept(message(CAROL, ALICE, "m1")));

        assertThat(again.duplicate()).isTrue();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(forCarol.duplicate()).isFalse();
        assertThat(get(store.pending(BOB))).hasSize(1);

        assertThat(get(store.markInFlight(first.id(), 1))).isTrue();
        assertThat(get(store.markDelivered(first.id()))).isTrue();
        Accepted late = get(store.accept(message(BOB, ALICE, "m1")));
        assertThat(late.duplicate()).isTrue();
        assertThat(late.id()).isEqualTo(first.id());
        assertThat(get(store.pending(BOB))).isEmpty();
    }

    @Test
    @DisplayName("8.3.1.6: a message in flight is not handed out twice; a failed attempt makes it pending again")
    void inFlightAndFailed() throws Exception {
        long id = get(store.accept(message(BOB, ALICE, "m1"))).id();
        assertThat(get(store.markInFlight(id, 1))).isTrue();
        assertThat(get(store.markInFlight(id, 1))).as("already in flight").isFalse();
        assertThat(get(store.pending(BOB))).isEmpty();

        assertThat(get(store.markFailed(id))).isTrue();
        assertThat(get(store.markFailed(id))).as("no longer in flight").isFalse();
        assertThat(get(store.pending(BOB))).singleElement().extracting(StoredMessage::attempts).isEqualTo(1);

        assertThat(get(store.markInFlight(id, 2))).isTrue();
        assertThat(get(store.markDelivered(id))).isTrue();
        assertThat(get(store.markDelivered(id))).isFalse();
        assertThat(get(store.markInFlight(id, 3))).isFalse();
        assertThat(get(store.countPending(BOB))).isZero();
    }

    @Test
    @DisplayName("8.3.1.6: in flight when the process stopped -> pending again after reopening, same imdn.Message-ID")
    void inFlightAtCrashIsRedeliveredWithItsMessageId() throws Exception {
        long m1 = get(store.accept(message(BOB, ALICE, "m1"))).id();
        long m2 = get(store.accept(message(BOB, ALICE, "m2"))).id();
        long m3 = get(store.accept(message(BOB, ALICE, "m3"))).id();
        get(store.markInFlight(m1, 1));
        get(store.markDelivered(m1));
        get(store.markInFlight(m2, 1));
        get(store.markInFlight(m3, 1));
        store.close();

        store = SqliteDeferredMessageStore.open(dir, DeferredStoreConfig.DEFAULTS, time);
        List<StoredMessage> again = get(store.pending(BOB));
        assertThat(again).extracting(StoredMessage::id).containsExactly(m2, m3);
        assertThat(again).extracting(m -> m.message().messageId()).containsExactly("m2", "m3");
        assertThat(again).extracting(StoredMessage::attempts).containsExactly(1, 1);
    }

    @Test
    @DisplayName("PF-IMDN-OB-03: expired messages are listed with the notifications asked for, not delivered, then removed")
    void expiry() throws Exception {
        get(store.accept(message(BOB, ALICE, "old", RequestedNotification.NEGATIVE_DELIVERY)));
        time.advance(Duration.ofDays(3));
        long young = get(store.accept(message(BOB, CAROL, "young"))).id();
        long delivered = get(store.accept(message(BOB, CAROL, "delivered"))).id();
        get(store.markInFlight(delivered, 1));
        get(store.markDelivered(delivered));

        time.advance(Duration.ofDays(4));
        Instant now = Instant.ofEpochMilli(time.currentTimeMillis());
        List<StoredMessage> expired = get(store.expired(now, 100));
        assertThat(expired).singleElement().satisfies(m -> {
            assertThat(m.message().messageId()).isEqualTo("old");
            assertThat(m.message().requested(RequestedNotification.NEGATIVE_DELIVERY)).isTrue();
        });
        assertThat(get(store.pending(BOB))).extracting(StoredMessage::id).containsExactly(young);

        assertThat(get(store.remove(expired.get(0).id()))).isTrue();
        assertThat(get(store.expired(now, 100))).isEmpty();

        assertThat(get(store.purgeDelivered(now))).isZero();
        time.advance(Duration.ofDays(3));
        now = Instant.ofEpochMilli(time.currentTimeMillis());
        assertThat(get(store.purgeDelivered(now))).isEqualTo(1);
        assertThat(get(store.expired(now, 100))).extracting(StoredMessage::id).containsExactly(young);
    }

    @Test
    @DisplayName("8.3.1.6: an explicit expiry instant overrides the policy")
    void explicitExpiry() throws Exception {
        Instant at = Instant.ofEpochMilli(time.currentTimeMillis()).plus(Duration.ofHours(1));
        assertThat(get(store.accept(message(BOB, ALICE, "m1"), at)).expiresAt()).isEqualTo(at);
        time.advance(Duration.ofHours(1));
        assertThat(get(store.pending(BOB))).isEmpty();
        assertThat(get(store.expired(at, 10))).hasSize(1);
    }

    @Test
    @DisplayName("store.deferred-max-body-bytes: a larger body fails with MessageTooLargeException and nothing is stored")
    void bodyCap() throws Exception {
        store.close();
        store = SqliteDeferredMessageStore.open(dir, DeferredStoreConfig.DEFAULTS.withMaxBodyBytes(100), time);
        DeferredMessage big = new DeferredMessage(BOB, ALICE, "big", null, null, "message/cpim", new byte[101], Set.of());
        assertThatThrownBy(() -> get(store.accept(big))).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(MessageTooLargeException.class);
        assertThat(get(store.countPending(BOB))).isZero();
    }

    static DeferredMessage message(String to, String from, String messageId, RequestedNotification... asked) {
        byte[] body = ("From: <" + from + ">\r\nTo: <" + to + ">\r\nimdn.Message-ID: " + messageId
                + "\r\n\r\nContent-Type: text/plain\r\n\r\nhello").getBytes(StandardCharsets.UTF_8);
        return new DeferredMessage(to, from, messageId, null, null, "message/cpim", body,
                asked.length == 0 ? Set.of() : EnumSet.of(asked[0], asked));
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }
}
