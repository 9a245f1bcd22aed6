package dev.karafka.spring.diagnostics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.karafka.spring.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CachedClusterSnapshot}.
 *
 * @author karafka-spring
 */
class CachedClusterSnapshotTests {

	private final MutableClock clock = new MutableClock();

	private final AtomicInteger inspections = new AtomicInteger();

	@Test
	void snapshotIsReusedUntilItsTimeToLiveEnds() {
		try (CachedClusterSnapshot cached = new CachedClusterSnapshot(this::inspect, Duration.ofSeconds(30),
				Duration.ofSeconds(10), this.clock)) {
			assertThat(cached.get().clusterId()).isEqualTo("cluster-1");
			this.clock.advance(Duration.ofSeconds(9));
			assertThat(cached.get().clusterId()).isEqualTo("cluster-1");
			this.clock.advance(Duration.ofSeconds(1));
			assertThat(cached.get().clusterId()).isEqualTo("cluster-2");
			assertThat(this.inspections).hasValue(2);
		}
	}

	@Test
	void slowInspectionGivesAnUnavailableSnapshotWithinTheTimeoutAndIsSharedByLaterCallers() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (CachedClusterSnapshot cached = new CachedClusterSnapshot(() -> {
			awaitQuietly(release);
			return inspect();
		}, Duration.ofMillis(200), Duration.ofSeconds(10), this.clock)) {
			ClusterSnapshot first = cached.get();
			assertThat(first.isAvailable()).isFalse();
			assertThat(first.failure().cause()).isEqualTo("unreachable");
			assertThat(first.failure().error()).isEqualTo("No answer within 200 ms");
			assertThat(cached.get().isAvailable()).isFalse();
			release.countDown();
			assertThat(cached.get().clusterId()).isEqualTo("cluster-1");
			assertThat(this.inspections).hasValue(1);
		}
	}

	private ClusterSnapshot inspect() {
		return new ClusterSnapshot("cluster-" + this.inspections.incrementAndGet(), null, List.of(), Map.of(), Map.of(),
				Map.of(), null);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
