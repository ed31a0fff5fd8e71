package org.opencpm.store.imdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.store.imdn.DispositionType.DELIVERY;
import static org.opencpm.store.imdn.DispositionType.DISPLAY;
import static org.opencpm.store.imdn.DispositionType.INTERWORKING;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.common.time.VirtualScheduler;

class SqliteImdnCacheTest {

    private static final String ALICE = "sip:alice@example.com";
    private static final String BOB = "sip:bob@example.com";

    @TempDir
    Path dir;

    private final VirtualScheduler time = new VirtualScheduler();
    private SqliteImdnCache cache;

    @BeforeEach
    void open() {
        cache = SqliteImdnCache.open(dir, ImdnCacheConfig.DEFAULTS, time);
    }

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    @DisplayName("PF-IMDN-T-03, T-04, T-09: the first notification of a type is forwarded, the second of that type is not")
    void sameTypeTwice() throws Exception {
        assertThat(get(cache.recordForwarded(ALICE, "Mx8", DELIVERY))).isFalse();
        assertThat(get(cache.recordForwarded(ALICE, "Mx8", DELIVERY))).isTrue();
        assertThat(get(cache.recordForwarded(ALICE, "Mx8", DISPLAY))).as("PF-IMDN-T-08: other type").isFalse();
        assertThat(get(cache.forwarded(ALICE, "Mx8"))).containsExactlyInAnyOrder(DELIVERY, DISPLAY);
    }

    @Test
    @DisplayName("AMB-03: keyed by served user and message-id: other users and other ids are independent")
    void keyedByUserAndMessageId() throws Exception {
        assertThat(get(cache.recordForwarded(ALICE, "Mx8", DELIVERY))).isFalse();
        assertThat(get(cache.recordForwarded(BOB, "Mx8", DELIVERY))).isFalse();
        assertThat(get(cache.recordForwarded(ALICE, "Mx9", DELIVERY))).isFalse();
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    @DisplayName("AMB-03, AMB-21: the key holds the notifying recipient and the direction: Bob's delivery does not "
            + "suppress Carol's for the same group message, nor a sent notification a received one")
    void keyedByRecipientAndDirection() throws Exception {
        ImdnKey fromBob = new ImdnKey(ALICE, ImdnKey.Direction.RECEIVED, "G1", BOB);
        ImdnKey fromCarol = new ImdnKey(ALICE, ImdnKey.Direction.RECEIVED, "G1", "sip:carol@example.com");
        ImdnKey sentByAlice = new ImdnKey(ALICE, ImdnKey.Direction.SENT, "G1", ALICE);
        assertThat(get(cache.checkAndRecord(fromBob, DELIVERY, EnumSet.of(DELIVERY))).forward()).isTrue();
        assertThat(get(cache.checkAndRecord(fromBob, DELIVERY, EnumSet.of(DELIVERY))).forward()).isFalse();
        assertThat(get(cache.checkAndRecord(fromCarol, DELIVERY, EnumSet.of(DELIVERY))).forward()).isTrue();
        assertThat(get(cache.checkAndRecord(sentByAlice, DELIVERY, EnumSet.of(DELIVERY))).forward()).isTrue();
        assertThat(get(cache.forwarded(fromCarol))).containsExactly(DELIVERY);
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    @DisplayName("PF-IMDN-T-05: a delivery notification after an interworking notification is not forwarded, nor recorded")
    void deliveryAfterInterworking() throws Exception {
        get(cache.recordForwarded(ALICE, "Mx8", INTERWORKING));
        ForwardDecision d = get(cache.checkAndRecord(ALICE, "Mx8", DELIVERY, EnumSet.of(DELIVERY, INTERWORKING)));
        assertThat(d.forward()).isFalse();
        assertThat(d.alreadyForwarded()).containsExactly(INTERWORKING);
        assertThat(get(cache.forwarded(ALICE, "Mx8"))).containsExactly(INTERWORKING);
    }

    @Test
    @DisplayName("PF-IMDN-T-06: an interworking notification after a display notification is not forwarded")
    void interworkingAfterDisplay() throws Exception {
        get(cache.recordForwarded(ALICE, "Mx8", DISPLAY));
        assertThat(get(cache.checkAndRecord(ALICE, "Mx8", INTERWORKING, EnumSet.of(INTERWORKING, DISPLAY))).forward())
                .isFalse();
        assertThat(get(cache.checkAndRecord(ALICE, "Mx9", INTERWORKING, EnumSet.of(INTERWORKING, DISPLAY))).forward())
                .isTrue();
    }

    @Test
    @DisplayName("AMB-21: two devices reporting at once: exactly one notification is forwarded")
    void checkAndRecordIsAtomic() throws Exception {
        List<CompletableFuture<Boolean>> fs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            fs.add(cache.recordForwarded(ALICE, "Mx8", DELIVERY));
        }
        int forwarded = 0;
        for (var f : fs) {
            forwarded += get(f) ? 0 : 1;
        }
        assertThat(forwarded).isEqualTo(1);
    }

    @Test
    @DisplayName("AMB-03: the cache survives a restart")
    void survivesRestart() throws Exception {
        get(cache.recordForwarded(ALICE, "Mx8", DELIVERY));
        cache.close();
        cache = SqliteImdnCache.open(dir, ImdnCacheConfig.DEFAULTS, time);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(get(cache.recordForwarded(ALICE, "Mx8", DELIVERY))).isTrue();
    }

    @Test
    @DisplayName("PF-IMDN-T-10: after the TTL an entry is a miss (forward again); expire() removes it")
    void ttl() throws Exception {
        get(cache.recordForwarded(ALICE, "Mx8", DELIVERY));
        get(cache.recordForwarded(ALICE, "young", DELIVERY));
        time.advance(Duration.ofDays(7).minusSeconds(1));
        assertThat(get(cache.recordForwarded(ALICE, "young", DISPLAY))).as("a use refreshes the entry").isFalse();
        time.advance(Duration.ofSeconds(1));
        assertThat(get(cache.forwarded(ALICE, "Mx8"))).isEmpty();
        assertThat(get(cache.expire(Instant.ofEpochMilli(time.currentTimeMillis())))).isEqualTo(1);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(get(cache.forwarded(ALICE, "young"))).containsExactlyInAnyOrder(DELIVERY, DISPLAY);
        assertThat(get(cache.recordForwarded(ALICE, "Mx8", DELIVERY))).as("a miss forwards").isFalse();
    }

    @Test
    @DisplayName("AMB-03: beyond the size cap the least recently used entries are evicted and counted")
    void eviction() throws Exception {
        cache.close();
        cache = SqliteImdnCache.open(dir, ImdnCacheConfig.DEFAULTS.withMaxEntries(100), time);
        for (int i = 0; i < 100; i++) {
            get(cache.recordForwarded(ALICE, "m" + i, DELIVERY));
            time.advance(Duration.ofSeconds(1));
        }
        get(cache.recordForwarded(ALICE, "m0", DISPLAY));
        time.advance(Duration.ofSeconds(1));
        assertThat(cache.evictions()).isZero();

        get(cache.recordForwarded(ALICE, "m100", DELIVERY));
        assertThat(cache.evictions()).isEqualTo(1);
        assertThat(cache.size()).isEqualTo(100);
        assertThat(get(cache.forwarded(ALICE, "m1"))).as("least recently used: evicted").isEmpty();
        assertThat(get(cache.forwarded(ALICE, "m0"))).as("used again recently: kept").isNotEmpty();
        assertThat(get(cache.forwarded(ALICE, "m100"))).containsExactly(DELIVERY);
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }
}
