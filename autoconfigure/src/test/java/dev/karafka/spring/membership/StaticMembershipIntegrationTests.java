package dev.karafka.spring.membership;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Static membership on a real broker's PLAINTEXT listener: the ids the broker sees, and a
 * restart that the other members of the group do not notice.
 *
 * @author karafka-spring
 */
class StaticMembershipIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final KafkaTestBroker broker = KafkaTestBroker.shared();

	@Test
	void twoListenersOfTwoThreadsGetFourDistinctIdsThatSurviveARestart() throws Exception {
		String group = "static-ids-" + UUID.randomUUID();
		String[] topics = topics(2);
		Set<String> expected = Set.of("pod-0-orders-0", "pod-0-orders-1", "pod-0-payments-0", "pod-0-payments-1");
		try (ConfigurableApplicationContext context = run(group, topics, "pod-0", true, "karafka.concurrency=2")) {
			await().atMost(WAIT).ignoreExceptions().until(() -> groupInstanceIds(group), (ids) -> ids.equals(expected));
		}
		try (ConfigurableApplicationContext context = run(group, topics, "pod-0", true, "karafka.concurrency=2")) {
			await().atMost(WAIT).ignoreExceptions().until(() -> groupInstanceIds(group), (ids) -> ids.equals(expected));
		}
	}

	@Test
	void staticMemberRestartedWithinTheSessionTimeoutGetsItsPartitionsBackWithoutARebalance() throws Exception {
		assertThat(rebalancesOfTheOtherMemberDuringARestart(true)).isZero();
	}

	@Test
	void dynamicMemberRestartRebalancesTheOtherMember() throws Exception {
		assertThat(rebalancesOfTheOtherMemberDuringARestart(false)).isPositive();
	}

	private int rebalancesOfTheOtherMemberDuringARestart(boolean staticMembership) throws Exception {
		String group = "static-restart-" + UUID.randomUUID();
		String[] topics = topics(2);
		try (ConfigurableApplicationContext other = run(group, topics, "pod-b", staticMembership)) {
			Partitions otherPartitions = other.getBean(Partitions.class);
			await().atMost(WAIT).until(() -> otherPartitions.assigned().size() == 4);
			Set<TopicPartition> restartedPartitions;
			try (ConfigurableApplicationContext restarted = run(group, topics, "pod-a", staticMembership)) {
				Partitions partitions = restarted.getBean(Partitions.class);
				await().atMost(WAIT)
					.until(() -> partitions.assigned().size() == 2 && otherPartitions.assigned().size() == 2);
				restartedPartitions = partitions.assigned();
			}
			int rebalancesBefore = otherPartitions.rebalances();
			try (ConfigurableApplicationContext restarted = run(group, topics, "pod-a", staticMembership)) {
				Partitions partitions = restarted.getBean(Partitions.class);
				await().atMost(WAIT)
					.until(() -> partitions.assigned().size() == 2 && otherPartitions.assigned().size() == 2
							&& otherPartitions.rebalances() >= rebalancesBefore);
				if (staticMembership) {
					assertThat(partitions.assigned()).isEqualTo(restartedPartitions);
				}
				else {
					await().atMost(WAIT).until(() -> otherPartitions.rebalances() > rebalancesBefore);
				}
			}
			return otherPartitions.rebalances() - rebalancesBefore;
		}
	}

	private String[] topics(int partitions) {
		String suffix = UUID.randomUUID().toString();
		String[] topics = { "static-orders-" + suffix, "static-payments-" + suffix };
		for (String topic : topics) {
			this.broker.createTopic(topic, partitions);
		}
		return topics;
	}

	private Set<String> groupInstanceIds(String group) throws Exception {
		try (Admin admin = this.broker.createAdmin()) {
			ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
				.describedGroups()
				.get(group)
				.get(10, TimeUnit.SECONDS);
			return description.members()
				.stream()
				.map(MemberDescription::groupInstanceId)
				.flatMap(java.util.Optional::stream)
				.collect(Collectors.toSet());
		}
	}

	private ConfigurableApplicationContext run(String group, String[] topics, String instanceId,
			boolean staticMembership, String... properties) {
		return new SpringApplicationBuilder(MembershipApplication.class).web(WebApplicationType.NONE)
			.properties("karafka.bootstrap-servers=" + this.broker.bootstrapServers(Listener.PLAINTEXT),
					"spring.kafka.consumer.group-id=" + group, "membership.orders=" + topics[0],
					"membership.payments=" + topics[1], "karafka.static-membership.enabled=" + staticMembership,
					"karafka.static-membership.instance-id=" + instanceId, "karafka.max-wait-time=500ms",
					"server.port=0")
			.properties(properties)
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class MembershipApplication {

		@Bean
		Partitions partitions() {
			return new Partitions();
		}

	}

	/**
	 * The partitions the application's consumers hold, and how often the group assigned
	 * them.
	 */
	static class Partitions implements ConsumerSeekAware {

		private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();

		private final AtomicInteger rebalances = new AtomicInteger();

		@KafkaListener(id = "orders", idIsGroup = false, topics = "${membership.orders}")
		void orders(String value) {
		}

		@KafkaListener(id = "payments", idIsGroup = false, topics = "${membership.payments}")
		void payments(String value) {
		}

		@Override
		public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
			this.rebalances.incrementAndGet();
			this.assigned.addAll(assignments.keySet());
		}

		@Override
		public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
			this.assigned.removeAll(partitions);
		}

		Set<TopicPartition> assigned() {
			return Set.copyOf(this.assigned);
		}

		int rebalances() {
			return this.rebalances.get();
		}

	}

}
