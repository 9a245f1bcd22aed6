package dev.karafka.spring.supervision;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.karafka.spring.supervision.SupervisedApplication.BlockingObserver;
import dev.karafka.spring.supervision.SupervisedApplication.HangingListener;
import dev.karafka.spring.supervision.SupervisedApplication.Mode;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

import static dev.karafka.spring.supervision.SupervisedApplication.BLOCK;
import static dev.karafka.spring.supervision.SupervisedApplication.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Supervised mode against a real broker (PLAINTEXT), with liveness probed over real HTTP
 * on a random port: a hanging listener restarted while liveness stays UP, a blocked
 * supervisor, a listener given up, and a shutdown during a restart. The supervisor checks
 * every half second and must complete a check every 3 seconds; consumers poll every half
 * second, commit within 1.5 seconds, and may consume for 2 seconds.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class SupervisionIntegrationTests {

	private static final String LIVENESS = "/actuator/health/liveness";

	private static final Duration WAIT = Duration.ofSeconds(90);

	private static final Duration INTERVAL = Duration.ofMillis(500);

	private static final Duration CONTROLLING_TTL = Duration.ofSeconds(3);

	@Test
	void hangingListenerIsRestartedWhileLivenessStaysUpAndNoRecordIsLost(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = run("restart", Mode.HANG_ONCE)) {
			int port = awaitLive(context);
			HangingListener listener = context.getBean(HangingListener.class);
			LivenessSampler sampler = new LivenessSampler(port);
			List<String> before = payloads("before", 5);
			List<String> after = payloads("after", 10);
			send(context, "supervised-restart", before);
			send(context, "supervised-restart", List.of(BLOCK));
			await().atMost(WAIT).until(() -> listener.hangs.get() == 1);
			send(context, "supervised-restart", after);
			ListenerSupervisor supervisor = context.getBean(ListenerSupervisor.class);
			await().atMost(WAIT)
				.until(() -> Stream.of(before, after, List.of(BLOCK))
					.flatMap(List::stream)
					.allMatch(listener.threadsByPayload::containsKey));
			List<Integer> statuses = sampler.stop();
			assertThat(statuses).hasSizeGreaterThan(10).containsOnly(200);
			assertThat(supervisor.restarts("supervised")).isEqualTo(1);
			String hungThread = listener.hungThreads.peek();
			assertThat(after).allSatisfy((payload) -> assertThat(listener.threadsByPayload.get(payload)).isNotEmpty()
				.doesNotContain(hungThread));
			assertThat(get(port, LIVENESS).body()).contains("\"status\":\"UP\"", "\"supervised\":{\"restarts\":1",
					"\"action\":\"restarted\"", "\"reason\":\"consumption_ttl_exceeded\"");
			assertThat(output).contains("Listener interrupted on record supervised-restart-0@")
				.doesNotContain("Listener failed on record supervised-restart-0");
			assertThat(get(port, "/actuator/prometheus").body()).contains(
					"karafka_supervision_restarts_total{listener_id=\"supervised\"} 1.0",
					"karafka_supervision_leaked_threads 0.0", "karafka_supervision_given_up 0.0",
					"karafka_supervision_last_check_age_seconds ");
		}
	}

	@Test
	void threadIgnoringTheInterruptIsLeakedAndItsPartitionsReachTheFreshConsumer() throws Exception {
		ConfigurableApplicationContext context = run("leak", Mode.IGNORE_INTERRUPT, "karafka.shutdown-timeout=1s");
		HangingListener listener = context.getBean(HangingListener.class);
		try {
			int port = awaitLive(context);
			send(context, "supervised-leak", List.of(BLOCK));
			await().atMost(WAIT).until(() -> listener.hangs.get() == 1);
			List<String> after = payloads("after", 5);
			send(context, "supervised-leak", after);
			await().atMost(WAIT).until(() -> after.stream().allMatch(listener.threadsByPayload::containsKey));
			String hungThread = listener.hungThreads.peek();
			assertThat(after)
				.allSatisfy((payload) -> assertThat(listener.threadsByPayload.get(payload)).doesNotContain(hungThread));
			assertThat(listener.ignoredInterrupts).hasPositiveValue();
			ListenerSupervisor supervisor = context.getBean(ListenerSupervisor.class);
			assertThat(supervisor.restarts("supervised")).isEqualTo(1);
			assertThat(supervisor.leakedThreads()).isEqualTo(1);
			HttpResponse<String> liveness = get(port, LIVENESS);
			assertThat(liveness.statusCode()).isEqualTo(200);
			assertThat(liveness.body()).contains("\"leakedThreads\":[\"" + hungThread + "\"]");
			assertThat(get(port, "/actuator/prometheus").body()).contains("karafka_supervision_leaked_threads 1.0");
			listener.released.countDown();
			await().atMost(WAIT).until(() -> supervisor.leakedThreads() == 0);
		}
		finally {
			listener.released.countDown();
			context.close();
		}
	}

	@Test
	void consumerStalledInAPollIsRestartedWhileLivenessStaysUp() throws Exception {
		try (ConfigurableApplicationContext context = run("stall", Mode.HANG_ONCE,
				"spring.kafka.consumer.properties[interceptor.classes]="
						+ StallingConsumerInterceptor.class.getName())) {
			int port = awaitLive(context);
			HangingListener listener = context.getBean(HangingListener.class);
			LivenessSampler sampler = new LivenessSampler(port);
			send(context, "supervised-stall", List.of(StallingConsumerInterceptor.STALL));
			await().atMost(WAIT).until(() -> StallingConsumerInterceptor.stalledThread.get() != null);
			List<String> after = payloads("after", 5);
			send(context, "supervised-stall", after);
			await().atMost(WAIT).until(() -> after.stream().allMatch(listener.threadsByPayload::containsKey));
			assertThat(sampler.stop()).hasSizeGreaterThan(10).containsOnly(200);
			assertThat(context.getBean(ListenerSupervisor.class).restarts("supervised")).isEqualTo(1);
			assertThat(listener.threadsByPayload).containsKey(StallingConsumerInterceptor.STALL);
			String stalledThread = StallingConsumerInterceptor.stalledThread.get();
			assertThat(after).allSatisfy(
					(payload) -> assertThat(listener.threadsByPayload.get(payload)).doesNotContain(stalledThread));
			assertThat(get(port, LIVENESS).body()).contains("\"reason\":\"polling_ttl_exceeded\"");
		}
		finally {
			StallingConsumerInterceptor.released.countDown();
		}
	}

	@Test
	void blockedSupervisorIsDownWithinControllingTtlAndOneInterval() throws Exception {
		try (ConfigurableApplicationContext context = run("blocked", Mode.HANG_ONCE)) {
			int port = awaitLive(context);
			BlockingObserver observer = context.getBean(BlockingObserver.class);
			LivenessSampler sampler = new LivenessSampler(port);
			observer.close();
			try {
				await().atMost(WAIT).until(() -> observer.blockedAtNanos != 0);
				long blockedAt = observer.blockedAtNanos;
				await().atMost(WAIT).until(() -> sampler.firstDownAtNanos() != 0);
				Duration downAfter = Duration.ofNanos(sampler.firstDownAtNanos() - blockedAt);
				assertThat(downAfter).isGreaterThanOrEqualTo(CONTROLLING_TTL.minus(INTERVAL))
					.isLessThanOrEqualTo(CONTROLLING_TTL.plus(INTERVAL));
				assertThat(get(port, LIVENESS).body()).contains("\"status\":\"DOWN\"",
						"\"status\":\"not_controlling\"");
			}
			finally {
				observer.open();
			}
			await().atMost(WAIT).until(() -> get(port, LIVENESS).statusCode() == 200);
			sampler.stop();
		}
	}

	@Test
	void listenerHangingAfterEveryRestartIsGivenUpOnceMaxRestartsIsExhausted() throws Exception {
		try (ConfigurableApplicationContext context = run("given-up", Mode.HANG_ALWAYS)) {
			int port = awaitLive(context);
			send(context, "supervised-given-up", List.of(BLOCK));
			await().atMost(WAIT).until(() -> get(port, LIVENESS).statusCode() == 503);
			ListenerSupervisor supervisor = context.getBean(ListenerSupervisor.class);
			assertThat(supervisor.restarts("supervised")).isEqualTo(2);
			assertThat(context.getBean(HangingListener.class).hangs).hasValue(3);
			assertThat(get(port, LIVENESS).body()).contains(
					"\"givenUp\":{\"supervised\":\"consumption_ttl_exceeded after 2 restarts\"}",
					"\"action\":\"given_up\"");
			MessageListenerContainer container = context.getBean(KafkaListenerEndpointRegistry.class)
				.getListenerContainer("supervised");
			await().atMost(WAIT).until(() -> !container.isRunning());
		}
	}

	@Test
	void listenerLeakingMoreThreadsThanAllowedIsGivenUp() throws Exception {
		ConfigurableApplicationContext context = run("leak-bound", Mode.IGNORE_INTERRUPT, "karafka.shutdown-timeout=1s",
				"karafka.supervision.max-leaked-threads=0");
		HangingListener listener = context.getBean(HangingListener.class);
		try {
			int port = awaitLive(context);
			send(context, "supervised-leak-bound", List.of(BLOCK));
			await().atMost(WAIT).until(() -> get(port, LIVENESS).statusCode() == 503);
			String hungThread = listener.hungThreads.peek();
			assertThat(get(port, LIVENESS).body())
				.contains("\"givenUp\":{\"supervised\":\"leaked threads [" + hungThread + "]\"}");
			ListenerSupervisor supervisor = context.getBean(ListenerSupervisor.class);
			assertThat(supervisor.restarts("supervised")).isZero();
			assertThat(supervisor.leakedThreads()).isEqualTo(1);
		}
		finally {
			listener.released.countDown();
			context.close();
		}
	}

	@Test
	void shutdownWhileAListenerRestartsStopsCleanlyAndNeverReportsDown(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext context = run("shutdown", Mode.IGNORE_INTERRUPT, "karafka.shutdown-timeout=10s");
		HangingListener listener = context.getBean(HangingListener.class);
		try {
			int port = awaitLive(context);
			send(context, "supervised-shutdown", List.of(BLOCK));
			await().atMost(WAIT).until(() -> get(port, LIVENESS).body().contains("\"action\":\"restarting\""));
			await().atMost(WAIT).until(() -> listener.ignoredInterrupts.get() > 0);
			LivenessSampler sampler = new LivenessSampler(port);
			ListenerSupervisor supervisor = context.getBean(ListenerSupervisor.class);
			MessageListenerContainer container = context.getBean(KafkaListenerEndpointRegistry.class)
				.getListenerContainer("supervised");
			context.close();
			List<Integer> statuses = sampler.stop();
			assertThat(statuses).isNotEmpty().doesNotContain(503);
			assertThat(supervisor.isRunning()).isFalse();
			assertThat(supervisor.restarts("supervised")).isZero();
			assertThat(container.isRunning()).isFalse();
			assertThat(output).contains("karafka.supervision.controlling-ttl (PT3S) is not longer than a restart of "
					+ "listener container 'supervised' (up to its shutdown timeout, PT10S)");
		}
		finally {
			listener.released.countDown();
			context.close();
		}
	}

	private static ConfigurableApplicationContext run(String name, Mode mode, String... properties) {
		return new SpringApplicationBuilder(SupervisedApplication.class)
			.properties("server.port=0", "management.endpoints.web.exposure.include=health,prometheus",
					"management.endpoint.health.show-details=always",
					"spring.kafka.bootstrap-servers=" + KafkaTestBroker.shared().bootstrapServers(Listener.PLAINTEXT),
					"spring.kafka.consumer.group-id=supervised-" + name,
					"spring.kafka.consumer.auto-offset-reset=earliest", "spring.kafka.listener.poll-timeout=500ms",
					"spring.kafka.consumer.properties[default.api.timeout.ms]=1500",
					"supervised.topic=supervised-" + name, "supervised.mode=" + mode, "karafka.liveness.polling-ttl=2s",
					"karafka.liveness.consuming-ttl=2s", "karafka.supervision.enabled=true",
					"karafka.supervision.interval=" + INTERVAL.toMillis() + "ms",
					"karafka.supervision.controlling-ttl=" + CONTROLLING_TTL.toSeconds() + "s",
					"karafka.supervision.max-restarts=2")
			.properties(properties)
			.run();
	}

	private static int awaitLive(ConfigurableApplicationContext context) {
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		MessageListenerContainer container = context.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer("supervised");
		await().atMost(WAIT).until(() -> container.isRunning() && !container.getAssignedPartitions().isEmpty());
		await().atMost(WAIT).until(() -> get(port, LIVENESS).statusCode() == 200);
		return port;
	}

	@SuppressWarnings("unchecked")
	private static void send(ConfigurableApplicationContext context, String topic, List<String> payloads)
			throws Exception {
		KafkaTemplate<Object, Object> template = context.getBean(KafkaTemplate.class);
		for (String payload : payloads) {
			template.send(topic, payload).get(10, TimeUnit.SECONDS);
		}
	}

	private static List<String> payloads(String prefix, int count) {
		return IntStream.range(0, count).mapToObj((index) -> prefix + "-" + index).toList();
	}

	/**
	 * Probes liveness every 100 milliseconds on a thread of its own until stopped or the
	 * server goes away.
	 */
	static final class LivenessSampler {

		private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();

		private final Thread thread;

		private volatile boolean sampling = true;

		private volatile long firstDownAtNanos;

		LivenessSampler(int port) {
			this.thread = new Thread(() -> sample(port), "liveness-sampler");
			this.thread.start();
		}

		private void sample(int port) {
			while (this.sampling) {
				int status;
				try {
					HttpResponse<String> response = get(port, LIVENESS);
					status = response.statusCode();
				}
				catch (IllegalStateException ex) {
					return;
				}
				if (status == 503 && this.firstDownAtNanos == 0) {
					this.firstDownAtNanos = System.nanoTime();
				}
				this.statuses.add(status);
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		long firstDownAtNanos() {
			return this.firstDownAtNanos;
		}

		List<Integer> stop() throws InterruptedException {
			this.sampling = false;
			this.thread.join(TimeUnit.SECONDS.toMillis(30));
			return new ArrayList<>(this.statuses);
		}

	}

}
