package dev.karafka.spring.liveness;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.test.context.KafkaTestBrokerConnection;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.listener.MessageListenerContainer;

import static dev.karafka.spring.liveness.LivenessTestApplication.get;
import static dev.karafka.spring.liveness.LivenessTestApplication.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stability TTL with a real group: a rebalance that cannot complete because a member
 * blocks in its revocation callback, for the members it revokes and for one that joins,
 * and a member left without partitions. The polling and consuming TTLs are an hour, so
 * only the stability TTL (three seconds) can fire.
 *
 * @author karafka-spring
 */
@KafkaTestBrokerConnection
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = StabilityTtlIntegrationTests.StabilityApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "karafka.liveness.polling-ttl=1h",
				"karafka.liveness.consuming-ttl=1h", "karafka.liveness.stability-ttl=3s",
				"spring.kafka.listener.poll-timeout=500ms", "spring.kafka.consumer.auto-offset-reset=earliest" })
class StabilityTtlIntegrationTests {

	private static final String LIVENESS = "/actuator/health/liveness";

	private static final Duration WAIT = Duration.ofSeconds(60);

	static volatile CountDownLatch revocationGate = new CountDownLatch(0);

	@LocalManagementPort
	private int port;

	@Autowired
	private KafkaListenerEndpointRegistry registry;

	@Autowired
	private ConsumerThreads consumerThreads;

	@BeforeEach
	void groupsAreStable() {
		await().atMost(WAIT).until(() -> hasPartitions("steady") && hasPartitions("blocker"));
		await().atMost(WAIT).until(() -> status(this.port, LIVENESS) == 200);
	}

	@AfterEach
	void openGate() {
		revocationGate.countDown();
	}

	@Test
	void rebalanceThatCannotCompleteIsDownNamingTheMembersThatKeepPolling() {
		revocationGate = new CountDownLatch(1);
		this.registry.getListenerContainer("steady").enforceRebalance();
		await().atMost(WAIT).until(() -> status(this.port, LIVENESS) == 503);
		assertThat(get(this.port, LIVENESS))
			.contains("\"status\":\"stability_ttl_exceeded\"", "\"listenerId\":\"steady\"", "\"ttl\":\"PT3S\"")
			.doesNotContain("polling_ttl_exceeded");
		revocationGate.countDown();
		await().atMost(WAIT).until(() -> status(this.port, LIVENESS) == 200);
		await().atMost(WAIT).until(() -> hasPartitions("steady") && hasPartitions("blocker"));
	}

	@Test
	void memberJoiningAGroupThatCannotRebalanceCountsFromItsStartAndSaysHowLongItWaited(CapturedOutput output) {
		revocationGate = new CountDownLatch(1);
		MessageListenerContainer latecomer = this.registry.getListenerContainer("latecomer");
		latecomer.start();
		try {
			await().atMost(WAIT).until(() -> get(this.port, LIVENESS).contains("\"listenerId\":\"latecomer\""));
			assertThat(get(this.port, LIVENESS)).contains("\"status\":\"stability_ttl_exceeded\"");
			await().atMost(WAIT)
				.until(() -> this.consumerThreads.states(latecomer)
					.stream()
					.allMatch((state) -> state.currentRebalance(this.consumerThreads.getClock().millis())
						.compareTo(LivenessRebalanceListener.LONG_REBALANCE) > 0));
			revocationGate.countDown();
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(output)
					.containsPattern("\\[latecomer-0-C-1\\] .*frozen: the rebalance that ends with this assignment "
							+ "took 1\\d s"));
		}
		finally {
			revocationGate.countDown();
			latecomer.stop();
		}
	}

	@Test
	void memberLeftWithoutPartitionsStaysUp() {
		MessageListenerContainer surplus = this.registry.getListenerContainer("surplus");
		await().atMost(WAIT)
			.until(() -> surplus.getAssignmentsByClientId() != null && surplus.getAssignmentsByClientId().size() == 2
					&& surplus.getAssignedPartitions().size() == 1);
		await().during(Duration.ofSeconds(8))
			.atMost(Duration.ofSeconds(12))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> status(this.port, LIVENESS) == 200);
	}

	private boolean hasPartitions(String listenerId) {
		Collection<TopicPartition> assigned = this.registry.getListenerContainer(listenerId).getAssignedPartitions();
		return assigned != null && !assigned.isEmpty();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class StabilityApplication {

		@Bean
		NewTopic frozenTopic() {
			return TopicBuilder.name("stability-frozen").partitions(2).build();
		}

		@Bean
		NewTopic surplusTopic() {
			return TopicBuilder.name("stability-surplus").partitions(1).build();
		}

		@Bean
		SteadyListener steadyListener() {
			return new SteadyListener();
		}

		@Bean
		BlockingRevocationListener blockingRevocationListener() {
			return new BlockingRevocationListener();
		}

	}

	static class SteadyListener {

		@KafkaListener(id = "steady", topics = "stability-frozen", groupId = "frozen")
		void steady(String payload) {
		}

		@KafkaListener(id = "surplus", topics = "stability-surplus", groupId = "surplus", concurrency = "2")
		void surplus(String payload) {
		}

		@KafkaListener(id = "latecomer", topics = "stability-frozen", groupId = "frozen", autoStartup = "false")
		void latecomer(String payload) {
		}

	}

	static class BlockingRevocationListener implements ConsumerSeekAware {

		@KafkaListener(id = "blocker", topics = "stability-frozen", groupId = "frozen")
		void blocker(String payload) {
		}

		@Override
		public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
			try {
				revocationGate.await(2, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
