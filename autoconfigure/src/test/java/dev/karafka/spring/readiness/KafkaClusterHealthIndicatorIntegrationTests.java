package dev.karafka.spring.readiness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import dev.karafka.spring.test.broker.KafkaTestBrokerExtension;
import dev.karafka.spring.MutableClock;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.event.ConsumerRetryAuthEvent;
import org.springframework.kafka.event.ConsumerRetryAuthEvent.Reason;
import org.springframework.kafka.event.ConsumerRetryAuthSuccessfulEvent;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link KafkaClusterHealthIndicator} against real brokers.
 *
 * @author karafka-spring
 */
@ExtendWith(KafkaTestBrokerExtension.class)
class KafkaClusterHealthIndicatorIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	/**
	 * How long a check may wait for a TLS handshake and a SCRAM exchange, which a cold
	 * JVM on a busy machine can take more than {@link #TIMEOUT} for: the check ends as
	 * soon as the broker refuses the login.
	 */
	private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(20);

	private static final Duration CACHE_TIME_TO_LIVE = Duration.ofSeconds(10);

	private final KafkaTestBroker broker;

	private final MutableClock clock = new MutableClock();

	private final ListenerAuthRetryTracker authRetryTracker = new ListenerAuthRetryTracker();

	private final ExecutorService executor = Executors.newCachedThreadPool();

	KafkaClusterHealthIndicatorIntegrationTests(KafkaTestBroker broker) {
		this.broker = broker;
	}

	@AfterEach
	void shutDownExecutor() {
		this.executor.shutdownNow();
	}

	@Test
	void reachableClusterIsUpWithItsClusterIdAndNodes() throws Exception {
		try (KafkaClusterHealthIndicator indicator = indicator(new CountingAdmin(plaintext(this.broker)))) {
			Health health = indicator.health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("clusterId", clusterId(this.broker))
				.containsEntry("nodes", 1);
		}
	}

	@Test
	void stoppedBrokerIsUnreachableWithinTheTimeoutUntilRestartedAndTheCachedResultExpires(@TempDir Path dataDirectory)
			throws IOException {
		int port = freePort();
		Map<String, Object> config = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port);
		try (KafkaClusterHealthIndicator indicator = indicator(new CountingAdmin(config))) {
			try (KafkaTestBroker dedicated = startBroker(port, dataDirectory)) {
				assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			}
			this.clock.advance(CACHE_TIME_TO_LIVE);
			long start = System.nanoTime();
			Health stopped = indicator.health();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusSeconds(1));
			assertThat(stopped.getStatus()).isEqualTo(Status.DOWN);
			assertThat(stopped.getDetails()).containsEntry("cause", "unreachable").containsKey("error");
			try (KafkaTestBroker dedicated = startBroker(port, dataDirectory)) {
				assertThat(indicator.health()).isEqualTo(stopped);
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					this.clock.advance(CACHE_TIME_TO_LIVE);
					assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
				});
			}
		}
	}

	@Test
	void healthCallsWithinTheCacheTimeToLiveMakeOneRequest() {
		CountingAdmin admin = new CountingAdmin(plaintext(this.broker));
		try (KafkaClusterHealthIndicator indicator = indicator(admin)) {
			for (int i = 0; i < 10; i++) {
				assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
				this.clock.advance(CACHE_TIME_TO_LIVE.dividedBy(20));
			}
			assertThat(admin.describeClusterCalls).hasValue(1);
			this.clock.advance(CACHE_TIME_TO_LIVE);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			assertThat(admin.describeClusterCalls).hasValue(2);
		}
	}

	@Test
	void healthCallsDuringARunningCheckReuseTheLastResult() throws Exception {
		CountingAdmin admin = new CountingAdmin(plaintext(this.broker));
		try (KafkaClusterHealthIndicator indicator = indicator(admin)) {
			Health last = indicator.health();
			this.clock.advance(CACHE_TIME_TO_LIVE);
			CountDownLatch gate = admin.closeGate();
			Future<Health> running = CompletableFuture.supplyAsync(indicator::health, this.executor);
			await().atMost(TIMEOUT).until(() -> admin.describeClusterCalls.get() == 2);
			assertThat(indicator.health()).isEqualTo(last);
			gate.countDown();
			assertThat(running.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getStatus()).isEqualTo(Status.UP);
			assertThat(admin.describeClusterCalls).hasValue(2);
		}
	}

	@Test
	void firstHealthCallsDuringARunningCheckWaitForItsResult() throws Exception {
		CountingAdmin admin = new CountingAdmin(plaintext(this.broker));
		try (KafkaClusterHealthIndicator indicator = indicator(admin)) {
			CountDownLatch gate = admin.closeGate();
			Future<Health> running = CompletableFuture.supplyAsync(indicator::health, this.executor);
			await().atMost(TIMEOUT).until(() -> admin.describeClusterCalls.get() == 1);
			List<Future<Health>> waiting = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				waiting.add(CompletableFuture.supplyAsync(indicator::health, this.executor));
			}
			gate.countDown();
			Health health = running.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			for (Future<Health> result : waiting) {
				assertThat(result.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(health);
			}
			assertThat(admin.describeClusterCalls).hasValue(1);
		}
	}

	@Test
	void healthCallsDuringTheBackgroundStartUpCheckAnswerAtOnceAsOutOfService() throws Exception {
		CountingAdmin admin = new CountingAdmin(plaintext(this.broker));
		try (KafkaClusterHealthIndicator indicator = indicator(admin)) {
			CountDownLatch gate = admin.closeGate();
			indicator.checkInBackground();
			Health checking = CompletableFuture.supplyAsync(indicator::health, this.executor)
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(checking.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(checking.getDetails()).containsExactly(Map.entry("check", "running"));
			await().atMost(TIMEOUT).until(() -> admin.describeClusterCalls.get() == 1);
			gate.countDown();
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.UP));
			assertThat(admin.describeClusterCalls).hasValue(1);
		}
	}

	@Test
	void deferredFirstCheckAnswersAtOnceWithoutAskingTheClusterUntilTheBackgroundCheckRuns() {
		CountingAdmin admin = new CountingAdmin(plaintext(this.broker));
		try (KafkaClusterHealthIndicator indicator = indicator(admin)) {
			indicator.deferFirstCheck();
			assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(admin.describeClusterCalls).hasValue(0);
			indicator.checkInBackground();
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.UP));
			indicator.checkInBackground();
			assertThat(admin.describeClusterCalls).hasValue(1);
		}
	}

	@Test
	void closeDuringARunningCheckDoesNotWaitForIt() throws Exception {
		CountingAdmin admin = new CountingAdmin(plaintext(this.broker));
		KafkaClusterHealthIndicator indicator = indicator(admin);
		CountDownLatch gate = admin.closeGate();
		indicator.checkInBackground();
		await().atMost(TIMEOUT).until(() -> admin.describeClusterCalls.get() == 1);
		CompletableFuture.runAsync(indicator::close, this.executor).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		gate.countDown();
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN));
	}

	@Test
	void wrongScramPasswordIsDownAsAuthenticationWithoutThePassword() {
		String password = "wrong-" + UUID.randomUUID();
		KafkaAdmin kafkaAdmin = new KafkaAdmin(scram(password));
		try (KafkaClusterHealthIndicator indicator = new KafkaClusterHealthIndicator(kafkaAdmin, this.authRetryTracker,
				LOGIN_TIMEOUT, CACHE_TIME_TO_LIVE)) {
			Health health = indicator.health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("cause", "authentication");
			assertThat(health.getDetails().get("error")).asString().contains("Authentication failed");
			assertThat(health.getDetails().toString()).doesNotContain(password)
				.doesNotContain(this.broker.scramPassword());
		}
	}

	@Test
	void untrustedBrokerCertificateIsDownAsAuthentication() {
		Map<String, Object> config = new HashMap<>();
		config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, this.broker.bootstrapServers(Listener.SASL_SSL));
		config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
		config.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
		config.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(this.broker.scramPassword()));
		config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
		config.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, this.broker.certificates().otherCaCertificatePem());
		CountingAdmin admin = new CountingAdmin(config);
		try (KafkaClusterHealthIndicator indicator = new KafkaClusterHealthIndicator(() -> admin, this.authRetryTracker,
				LOGIN_TIMEOUT, CACHE_TIME_TO_LIVE, this.clock)) {
			Health health = indicator.health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("cause", "authentication");
			assertThat(health.getDetails().toString()).doesNotContain(this.broker.scramPassword());
		}
	}

	@Test
	void retryingListenerMakesTheReachableClusterDownNamingTheListenerAndTheCause() throws Exception {
		ConcurrentMessageListenerContainer<?, ?> container = new ConcurrentMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(Map.of()), new ContainerProperties("orders"));
		container.setBeanName("orders-listener");
		try (KafkaClusterHealthIndicator indicator = indicator(new CountingAdmin(plaintext(this.broker)))) {
			this.authRetryTracker
				.onApplicationEvent(new ConsumerRetryAuthEvent(container, container, Reason.AUTHORIZATION));
			Health retrying = indicator.health();
			assertThat(retrying.getStatus()).isEqualTo(Status.DOWN);
			assertThat(retrying.getDetails()).containsEntry("cause", "authorization")
				.containsEntry("listeners", Map.of("orders-listener", "authorization"))
				.containsEntry("clusterId", clusterId(this.broker));
			this.authRetryTracker.onApplicationEvent(new ConsumerRetryAuthSuccessfulEvent(container, container));
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		}
	}

	private KafkaClusterHealthIndicator indicator(Admin admin) {
		return new KafkaClusterHealthIndicator(() -> admin, this.authRetryTracker, TIMEOUT, CACHE_TIME_TO_LIVE,
				this.clock);
	}

	private static Map<String, Object> plaintext(KafkaTestBroker broker) {
		return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(Listener.PLAINTEXT));
	}

	private Map<String, Object> scram(String password) {
		Map<String, Object> config = new HashMap<>();
		config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, this.broker.bootstrapServers(Listener.SASL_SSL));
		config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
		config.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
		config.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(password));
		config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
		config.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, this.broker.certificates().caCertificatePem());
		return config;
	}

	private String jaasConfig(String password) {
		return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
				+ this.broker.scramUsername() + "\" password=\"" + password + "\";";
	}

	private static String clusterId(KafkaTestBroker broker) throws Exception {
		try (Admin admin = broker.createAdmin()) {
			return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
		}
	}

	private static KafkaTestBroker startBroker(int port, Path dataDirectory) {
		return KafkaTestBroker.builder()
			.listeners(Listener.PLAINTEXT)
			.port(Listener.PLAINTEXT, port)
			.dataDirectory(dataDirectory)
			.start();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * A real {@link Admin} that counts its {@code describeCluster} calls and can hold
	 * them at a gate.
	 */
	static final class CountingAdmin extends ForwardingAdmin {

		private final AtomicInteger describeClusterCalls = new AtomicInteger();

		private volatile CountDownLatch gate = new CountDownLatch(0);

		CountingAdmin(Map<String, Object> config) {
			super(config);
		}

		CountDownLatch closeGate() {
			this.gate = new CountDownLatch(1);
			return this.gate;
		}

		@Override
		public DescribeClusterResult describeCluster(DescribeClusterOptions options) {
			this.describeClusterCalls.incrementAndGet();
			try {
				this.gate.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return super.describeCluster(options);
		}

	}

}
