package dev.karafka.spring.supervision;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.karafka.spring.liveness.ConsumerThreadObserver;
import dev.karafka.spring.liveness.ConsumerThreads;
import dev.karafka.spring.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ListenerSupervisor} and {@link SupervisedLivenessHealthIndicator} on a
 * clock moved by hand: the supervisor's scheduled checks are an hour apart, so only the
 * checks a test makes run.
 *
 * @author karafka-spring
 */
class ListenerSupervisorTests {

	private static final Duration INTERVAL = Duration.ofHours(1);

	private static final Duration CONTROLLING_TTL = Duration.ofHours(2);

	private final MutableClock clock = new MutableClock();

	private final AtomicInteger checks = new AtomicInteger();

	private ListenerSupervisor supervisor;

	private SupervisedLivenessHealthIndicator indicator;

	@BeforeEach
	void createSupervisor() {
		StaticListableBeanFactory beanFactory = new StaticListableBeanFactory();
		beanFactory.addBean("observer", new SupervisorObserver() {

			@Override
			public void checked() {
				ListenerSupervisorTests.this.checks.incrementAndGet();
			}

		});
		ConsumerThreads threads = new ConsumerThreads(Duration.ofMinutes(5), this.clock,
				new StaticListableBeanFactory().getBeanProvider(ConsumerThreadObserver.class));
		SupervisionPolicy policy = new SupervisionPolicy(INTERVAL, CONTROLLING_TTL, Duration.ofMinutes(5), 3,
				Duration.ofMinutes(10), 1);
		this.supervisor = new ListenerSupervisor(threads, List::of, policy,
				beanFactory.getBeanProvider(SupervisorObserver.class));
		this.indicator = new SupervisedLivenessHealthIndicator(this.supervisor, threads, Duration.ofMinutes(5),
				Duration.ofMinutes(5), Duration.ofMinutes(10), null);
	}

	@AfterEach
	void stopSupervisor() {
		this.supervisor.stop();
	}

	@Test
	void beforeItStartsTheSupervisorIsUp() {
		this.clock.advance(CONTROLLING_TTL.multipliedBy(10));
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
		assertThat(this.supervisor.sinceLastCheck()).isZero();
	}

	@Test
	void supervisorIsInControlUntilNoCheckCompletedWithinTheControllingTtl() {
		this.supervisor.start();
		this.clock.advance(CONTROLLING_TTL);
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
		this.clock.advance(Duration.ofMillis(1));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("supervisor").toString()).contains("status=not_controlling",
				"sinceLastCheck=PT2H0.001S");
	}

	@Test
	void completedCheckBringsTheSupervisorBackInControlAndTellsObservers() {
		this.supervisor.start();
		this.clock.advance(CONTROLLING_TTL.plusMinutes(1));
		this.supervisor.check();
		assertThat(this.checks).hasValue(1);
		assertThat(this.supervisor.sinceLastCheck()).isZero();
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void stoppedSupervisorIsNeverDown() {
		this.supervisor.start();
		this.supervisor.stop();
		this.clock.advance(CONTROLLING_TTL.multipliedBy(10));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails().get("supervisor").toString()).contains("status=stopped");
	}

	@Test
	void restartsAreCountedWithinTheRestartWindowOnly() {
		SupervisedNode node = new SupervisedNode("orders");
		long start = this.clock.millis();
		node.restarted(start);
		node.restarted(start + Duration.ofMinutes(5).toMillis());
		assertThat(node.restartsWithin(start + Duration.ofMinutes(10).toMillis(), Duration.ofMinutes(10))).isEqualTo(2);
		assertThat(node.restartsWithin(start + Duration.ofMinutes(11).toMillis(), Duration.ofMinutes(10))).isEqualTo(1);
		assertThat(node.getRestarts()).isEqualTo(2);
	}

}
