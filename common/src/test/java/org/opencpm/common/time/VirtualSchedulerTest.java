package org.opencpm.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();

    @Test
    void tasksRunAtTheirDueInstantInOrderAndTimeOnlyMovesWhenAdvanced() {
        List<String> ran = new ArrayList<>();
        scheduler.schedule(Duration.ofMillis(500), () -> ran.add("b@" + scheduler.elapsed().toMillis()));
        scheduler.schedule(Duration.ofMillis(100), () -> ran.add("a@" + scheduler.elapsed().toMillis()));
        scheduler.schedule(Duration.ofMillis(500), () -> ran.add("c@" + scheduler.elapsed().toMillis()));

        scheduler.advance(Duration.ofMillis(99));
        assertThat(ran).isEmpty();

        scheduler.advance(Duration.ofSeconds(1));
        assertThat(ran).containsExactly("a@100", "b@500", "c@500");
        assertThat(scheduler.elapsed()).isEqualTo(Duration.ofMillis(1099));
    }

    @Test
    void aCancelledTaskNeverRuns() {
        List<String> ran = new ArrayList<>();
        Cancellable handle = scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("x"));
        handle.cancel();
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(ran).isEmpty();
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void tasksScheduledByTasksRunWhenTheyFallDueWithinTheSameAdvance() {
        List<Long> at = new ArrayList<>();
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            at.add(scheduler.elapsed().toMillis());
            if (at.size() < 4) {
                scheduler.schedule(Duration.ofMillis(500L << at.size()), tick[0]);
            }
        };
        scheduler.schedule(Duration.ofMillis(500), tick[0]);
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(at).containsExactly(500L, 1500L, 3500L, 7500L);
    }

    @Test
    void wallClockFollowsVirtualTime() {
        long start = scheduler.currentTimeMillis();
        scheduler.advance(Duration.ofMinutes(3));
        assertThat(scheduler.currentTimeMillis() - start).isEqualTo(180_000L);
    }
}
