package dev.karafka.spring.liveness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.karafka.spring.MutableClock;
import dev.karafka.spring.supervision.ListenerSupervisor;
import dev.karafka.spring.supervision.SupervisedLivenessHealthIndicator;
import dev.karafka.spring.supervision.SupervisionPolicy;
import dev.karafka.spring.supervision.SupervisorObserver;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.event.ConsumerStartingEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent.Reason;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KarafkaLivenessHealthIndicator} and the stamps it reads, driven by
 * spring-kafka's consumer events and hooks on the test thread, with a clock that only
 * moves when told: no test waits out a TTL.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class KarafkaLivenessHealthIndicatorTests {

	private static final Duration POLLING_TTL = Duration.ofSeconds(2);

	private static final Duration CONSUMING_TTL = Duration.ofSeconds(3);

	private static final Duration STABILITY_TTL = Duration.ofSeconds(10);

	private final MutableClock clock = new MutableClock();

	private final List<ConsumerThreadState> stopped = new ArrayList<>();

	private ConsumerThreads threads;

	private KarafkaLivenessHealthIndicator indicator;

	private LivenessInterceptor<Object, Object> interceptor;

	private LivenessRebalanceListener rebalanceListener;

	@BeforeEach
	void createIndicator() {
		StaticListableBeanFactory beanFactory = new StaticListableBeanFactory();
		beanFactory.addBean("observer", new ConsumerThreadObserver() {

			@Override
			public void started(ConsumerThreadState state) {
			}

			@Override
			public void stopped(ConsumerThreadState state) {
				KarafkaLivenessHealthIndicatorTests.this.stopped.add(state);
			}

		});
		this.threads = new ConsumerThreads(POLLING_TTL, this.clock,
				beanFactory.getBeanProvider(ConsumerThreadObserver.class));
		this.indicator = new KarafkaLivenessHealthIndicator(this.threads, POLLING_TTL, CONSUMING_TTL, STABILITY_TTL,
				null);
		this.interceptor = new LivenessInterceptor<>(this.threads);
		this.rebalanceListener = new LivenessRebalanceListener(this.threads, null);
	}

	@Test
	void timeInAPollWithinThePollTimeoutAndThePollingTtlIsUp() {
		start(parent("orders"));
		poll();
		this.clock.advance(Duration.ofMillis(2500));
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void timeBeyondThePollTimeoutIsCountedAgainstThePollingTtl() {
		start(parent("orders"));
		poll();
		this.clock.advance(Duration.ofMillis(2501));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(problems(health)).singleElement()
			.satisfies((problem) -> assertThat(problem).containsEntry("status", "polling_ttl_exceeded")
				.containsEntry("listenerId", "orders")
				.containsEntry("thread", Thread.currentThread().getName())
				.containsEntry("ttl", "PT2S")
				.containsEntry("elapsed", "PT2.001S")
				.containsEntry("exceededBy", "PT0.001S"));
	}

	@Test
	void probeBeforeTheFirstPollCountsFromTheConsumerStart() {
		start(parent("orders"));
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
		this.clock.advance(Duration.ofMillis(2501));
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void assignmentAfterALongRebalanceSaysHowLongItTookAndWhy(CapturedOutput output) {
		start(parent("orders"));
		this.clock.advance(Duration.ofSeconds(44));
		this.rebalanceListener.onPartitionsAssigned(null, List.of());
		assertThat(output).contains("the rebalance that ends with this assignment took 44 s")
			.contains("members that stopped without leaving it (a killed process)");
	}

	@Test
	void assignmentAfterAShortRebalanceSaysNothingOfIt(CapturedOutput output) {
		start(parent("orders"));
		this.clock.advance(LivenessRebalanceListener.LONG_REBALANCE.minusMillis(1));
		this.rebalanceListener.onPartitionsAssigned(null, List.of());
		this.rebalanceListener.onPartitionsRevokedBeforeCommit(null, List.of());
		this.clock.advance(Duration.ofSeconds(3));
		this.rebalanceListener.onPartitionsAssigned(null, List.of());
		assertThat(output).contains("partitions assigned").doesNotContain("the rebalance that ends");
	}

	@Test
	void eachPollStartsTheCountAgain() {
		start(parent("orders"));
		this.rebalanceListener.onPartitionsAssigned(null, List.of());
		for (int i = 0; i < 10; i++) {
			poll();
			this.clock.advance(Duration.ofSeconds(2));
		}
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void consumptionLongerThanTheConsumingTtlIsDown() {
		start(parent("orders"));
		poll();
		this.interceptor.intercept(record(), null);
		this.clock.advance(Duration.ofMillis(3001));
		assertThat(problems(this.indicator.health())).extracting((problem) -> problem.get("status"))
			.containsExactlyInAnyOrder("consumption_ttl_exceeded", "polling_ttl_exceeded");
	}

	@Test
	void eachProblemIsLoggedOnceAndTheReturnToUp(CapturedOutput output) {
		start(parent("orders"));
		poll();
		this.interceptor.intercept(record(), null);
		this.clock.advance(Duration.ofMillis(3001));
		this.indicator.health();
		this.indicator.health();
		String thread = Thread.currentThread().getName();
		assertThat(output.getOut().split("Liveness is DOWN", -1)).hasSize(3);
		assertThat(output).contains("WARN")
			.contains("Liveness is DOWN: consumption_ttl_exceeded of listener 'orders' on thread '" + thread
					+ "' {elapsed=PT3.001S, ttl=PT3S, exceededBy=PT0.001S}")
			.contains("Liveness is DOWN: polling_ttl_exceeded of listener 'orders' on thread '" + thread + "'")
			.doesNotContain("Liveness is UP again");
		this.interceptor.afterRecord(record(), null);
		poll();
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
		this.indicator.health();
		assertThat(output.getOut().split("Liveness is UP again", -1)).hasSize(2);
	}

	@Test
	void supervisedIndicatorLogsAProblemAsOneForTheSupervisorNotAsLivenessDown(CapturedOutput output) {
		SupervisionPolicy policy = new SupervisionPolicy(Duration.ofHours(1), Duration.ofHours(2), CONSUMING_TTL, 3,
				Duration.ofMinutes(10), 1);
		ListenerSupervisor supervisor = new ListenerSupervisor(this.threads, List::of, policy,
				new StaticListableBeanFactory().getBeanProvider(SupervisorObserver.class));
		SupervisedLivenessHealthIndicator supervised = new SupervisedLivenessHealthIndicator(supervisor, this.threads,
				POLLING_TTL, CONSUMING_TTL, STABILITY_TTL, null);
		start(parent("orders"));
		poll();
		this.interceptor.intercept(record(), null);
		this.clock.advance(Duration.ofMillis(3001));
		assertThat(supervised.health().getStatus()).isEqualTo(Status.UP);
		assertThat(output)
			.contains("Consumer thread at fault, for the supervisor to act on (it restarts the listener container, "
					+ "and gives it up after karafka.supervision.max-restarts): consumption_ttl_exceeded of "
					+ "listener 'orders'")
			.doesNotContain("Liveness is DOWN");
		this.interceptor.afterRecord(record(), null);
		poll();
		supervised.health();
		assertThat(output).contains("No consumer thread at fault any more").doesNotContain("Liveness is UP again");
	}

	@Test
	void revocationCountsAsAConsumption() {
		start(parent("orders"));
		poll();
		this.rebalanceListener.onPartitionsRevokedBeforeCommit(null, List.of());
		this.clock.advance(Duration.ofMillis(2500));
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
		this.clock.advance(Duration.ofMillis(501));
		assertThat(problems(this.indicator.health())).extracting((problem) -> problem.get("status"))
			.contains("consumption_ttl_exceeded");
	}

	@Test
	void pollingThreadStuckInARebalanceLongerThanTheStabilityTtlIsDown() {
		start(parent("orders"));
		poll();
		this.rebalanceListener.onPartitionsAssigned(null, List.of());
		this.rebalanceListener.onPartitionsRevokedBeforeCommit(null, List.of());
		pollEverySecondFor(Duration.ofSeconds(11));
		Health health = this.indicator.health();
		assertThat(problems(health)).singleElement()
			.satisfies((problem) -> assertThat(problem).containsEntry("status", "stability_ttl_exceeded")
				.containsEntry("ttl", "PT10S"));
		this.rebalanceListener.onPartitionsAssigned(null, List.of());
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void memberThatJoinsWithoutEverBeingAssignedIsDown() {
		start(parent("orders"));
		pollEverySecondFor(Duration.ofSeconds(11));
		assertThat(problems(this.indicator.health())).extracting((problem) -> problem.get("status"))
			.containsExactly("stability_ttl_exceeded");
	}

	@Test
	void memberLeftWithoutPartitionsIsUp() {
		start(parent("orders"));
		poll();
		this.rebalanceListener.onPartitionsAssigned(null, List.of());
		pollEverySecondFor(Duration.ofSeconds(30));
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void unrecoverableStopIsDownUntilItsContainerStartsAgain() {
		ConcurrentMessageListenerContainer<Object, Object> orders = parent("orders");
		KafkaMessageListenerContainer<Object, Object> firstRun = start(orders);
		this.threads.onApplicationEvent(new ConsumerStoppedEvent(firstRun, orders, Reason.ABNORMAL));
		assertThat(problems(this.indicator.health())).singleElement()
			.satisfies((problem) -> assertThat(problem).containsEntry("status", "unrecoverable")
				.containsEntry("reason", "ABNORMAL"));
		start(parent("payments"));
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.DOWN);
		start(orders);
		poll();
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("consumerThreads", 2);
		assertThat(this.stopped).extracting(ConsumerThreadState::getListenerId).containsExactly("orders");
	}

	@Test
	void normalStopReleasesTheThread() {
		ConcurrentMessageListenerContainer<Object, Object> orders = parent("orders");
		KafkaMessageListenerContainer<Object, Object> child = start(orders);
		this.threads.onApplicationEvent(new ConsumerStoppedEvent(child, orders, Reason.NORMAL));
		assertThat(this.threads.states()).isEmpty();
		assertThat(this.stopped).hasSize(1);
		poll();
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void untrackedContainerHasNoState() {
		ConcurrentMessageListenerContainer<Object, Object> orders = parent("orders");
		KafkaMessageListenerContainer<Object, Object> child = child(orders);
		child.setRecordInterceptor(null);
		this.threads.onApplicationEvent(new ConsumerStartingEvent(child, orders));
		assertThat(this.threads.states()).isEmpty();
	}

	@Test
	void pollingTtlShorterThanACommitDuringAnOutageIsRaisedWithAWarning(CapturedOutput output) {
		ConcurrentMessageListenerContainer<Object, Object> orders = parent("orders");
		KafkaMessageListenerContainer<Object, Object> child = child(orders);
		child.getContainerProperties().setSyncCommitTimeout(Duration.ofSeconds(60));
		this.threads.onApplicationEvent(new ConsumerStartingEvent(child, orders));
		assertThat(this.threads.states()).singleElement()
			.extracting(ConsumerThreadState::getPollingTtl)
			.isEqualTo(Duration.ofMillis(60500));
		assertThat(output).contains("karafka.liveness.polling-ttl (PT2S) is shorter than what listener 'orders' may "
				+ "block while the brokers are unreachable", "Its polling TTL is raised to PT1M0.5S");
	}

	@Test
	void untrackedContainersAreNamedInOneWarning(CapturedOutput output) {
		ConcurrentMessageListenerContainer<Object, Object> tracked = parent("orders");
		tracked.setRecordInterceptor(this.interceptor);
		UntrackedContainers untracked = new UntrackedContainers(this.threads,
				() -> List.of(tracked, parent("payments"), parent("audit")));
		assertThat(untracked.listenerIds()).containsExactly("audit", "payments");
		untracked
			.onApplicationEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], null, Duration.ZERO));
		assertThat(output).containsOnlyOnce(
				"Liveness does not see the consumer threads of listener containers " + "[audit, payments]");
	}

	static void startTrackedConsumer(ConsumerThreads threads, LivenessInterceptor<Object, Object> interceptor) {
		ConcurrentMessageListenerContainer<Object, Object> parent = new ConcurrentMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(Map.of()), new ContainerProperties("topic"));
		KafkaMessageListenerContainer<Object, Object> child = new KafkaMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(Map.of()), new ContainerProperties("topic"));
		child.setRecordInterceptor(interceptor);
		threads.onApplicationEvent(new ConsumerStartingEvent(child, parent));
		assertThat(threads.states()).hasSize(1);
	}

	private ConcurrentMessageListenerContainer<Object, Object> parent(String listenerId) {
		ConcurrentMessageListenerContainer<Object, Object> parent = new ConcurrentMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(Map.of()), new ContainerProperties("topic"));
		parent.setBeanName(listenerId);
		return parent;
	}

	private KafkaMessageListenerContainer<Object, Object> child(
			ConcurrentMessageListenerContainer<Object, Object> parent) {
		ContainerProperties properties = new ContainerProperties("topic");
		properties.setPollTimeout(500);
		properties.setSyncCommitTimeout(Duration.ofSeconds(1));
		properties.setConsumerRebalanceListener(this.rebalanceListener);
		KafkaMessageListenerContainer<Object, Object> child = new KafkaMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(Map.of()), properties);
		child.setRecordInterceptor(this.interceptor);
		return child;
	}

	private KafkaMessageListenerContainer<Object, Object> start(
			ConcurrentMessageListenerContainer<Object, Object> parent) {
		KafkaMessageListenerContainer<Object, Object> child = child(parent);
		this.threads.onApplicationEvent(new ConsumerStartingEvent(child, parent));
		return child;
	}

	private void poll() {
		this.interceptor.clearThreadState(null);
		this.interceptor.setupThreadState(null);
	}

	private void pollEverySecondFor(Duration duration) {
		for (long i = 0; i < duration.toSeconds(); i++) {
			poll();
			this.clock.advance(Duration.ofSeconds(1));
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> problems(Health health) {
		return (List<Map<String, Object>>) health.getDetails().get("problems");
	}

	private static ConsumerRecord<Object, Object> record() {
		return new ConsumerRecord<>("topic", 0, 0, null, "value");
	}

}
