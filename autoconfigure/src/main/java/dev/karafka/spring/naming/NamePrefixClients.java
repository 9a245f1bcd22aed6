package dev.karafka.spring.naming;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Wraps Kafka clients so that the names they send to the broker get a {@link NamePrefix}.
 * Every argument keeps its own type ({@code Set}, {@code List}, {@code Collection},
 * {@code Map}, {@code Optional}, arrays), so that a caller such as spring-kafka, which
 * passes a {@code Set} to {@link Consumer#committed(Set)}, gets the call it made; return
 * values are the client's own, with the names the broker sees. Topics inside Kafka types
 * ({@code TopicPartition}, {@code NewTopic}, {@code ConfigResource}, patterns, ...)
 * always get the prefix; plain strings get it where the table of each interface says that
 * they are topic, group or transactional id names. Sends of a {@link Producer} are left
 * to the {@link NamePrefixProducerInterceptor}, so that the application's own
 * interceptors see the names the application uses.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public final class NamePrefixClients {

	private static final Set<Integer> NONE = Set.of();

	private static final Set<Integer> FIRST = Set.of(0);

	private static final Map<String, Set<Integer>> CONSUMER_NAMES = names(Set.of("subscribe", "partitionsFor"),
			Set.of("assign", "assignment", "beginningOffsets", "clientInstanceId", "close", "commitAsync", "commitSync",
					"committed", "currentLag", "endOffsets", "enforceRebalance", "groupMetadata", "listTopics",
					"metrics", "offsetsForTimes", "pause", "paused", "poll", "position",
					"registerMetricForSubscription", "resume", "seek", "seekToBeginning", "seekToEnd", "subscription",
					"unregisterMetricFromSubscription", "unsubscribe", "wakeup"));

	private static final Map<String, Set<Integer>> PRODUCER_NAMES = names(Set.of("partitionsFor"),
			Set.of("abortTransaction", "beginTransaction", "clientInstanceId", "close", "commitTransaction", "flush",
					"initTransactions", "metrics", "registerMetricForSubscription", "send", "sendOffsetsToTransaction",
					"unregisterMetricFromSubscription"));

	private static final Map<String, Set<Integer>> ADMIN_NAMES = adminNames();

	private NamePrefixClients() {
	}

	/**
	 * Return a consumer that applies the prefix to the topics it subscribes to, is
	 * assigned, seeks in, commits or asks about.
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param consumer the consumer to wrap
	 * @param prefix the prefix to apply
	 * @return the wrapping consumer
	 */
	@SuppressWarnings("unchecked")
	public static <K, V> Consumer<K, V> consumer(Consumer<K, V> consumer, NamePrefix prefix) {
		return wrap(Consumer.class, consumer, prefix);
	}

	/**
	 * Return a producer that applies the prefix to the topics it asks about and to the
	 * group and partitions of the offsets it sends to a transaction.
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param producer the producer to wrap
	 * @param prefix the prefix to apply
	 * @return the wrapping producer
	 */
	@SuppressWarnings("unchecked")
	public static <K, V> Producer<K, V> producer(Producer<K, V> producer, NamePrefix prefix) {
		return wrap(Producer.class, producer, prefix);
	}

	/**
	 * Return an admin client that applies the prefix to the topics, groups, transactional
	 * ids and resources it is given.
	 * @param admin the admin client to wrap
	 * @param prefix the prefix to apply
	 * @return the wrapping admin client
	 */
	public static Admin admin(Admin admin, NamePrefix prefix) {
		return wrap(Admin.class, admin, prefix);
	}

	/**
	 * Return the positions of the string parameters that are names, by method name, of
	 * one of the wrapped client interfaces.
	 * @param client {@link Consumer}, {@link Producer} or {@link Admin}
	 * @return the positions of the name parameters, empty for methods with none
	 */
	static Map<String, Set<Integer>> nameParameters(Class<?> client) {
		if (client == Consumer.class) {
			return CONSUMER_NAMES;
		}
		if (client == Producer.class) {
			return PRODUCER_NAMES;
		}
		Assert.isTrue(client == Admin.class, () -> "Unsupported client " + client.getName());
		return ADMIN_NAMES;
	}

	@SuppressWarnings("unchecked")
	private static <T> T wrap(Class<T> type, T client, NamePrefix prefix) {
		return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
				new PrefixingHandler(client, new NamePrefixMapper(prefix), nameParameters(type)));
	}

	private static Map<String, Set<Integer>> names(Set<String> firstIsName, Set<String> none) {
		Map<String, Set<Integer>> names = new HashMap<>();
		firstIsName.forEach((method) -> names.put(method, FIRST));
		none.forEach((method) -> names.put(method, NONE));
		return Map.copyOf(names);
	}

	private static Map<String, Set<Integer>> adminNames() {
		Map<String, Set<Integer>> names = new HashMap<>(names(
				Set.of("alterConsumerGroupOffsets", "alterShareGroupOffsets", "alterStreamsGroupOffsets",
						"createPartitions", "deleteConsumerGroupOffsets", "deleteConsumerGroups", "deleteShareGroups",
						"deleteStreamsGroupOffsets", "deleteStreamsGroups", "deleteTopics", "describeClassicGroups",
						"describeConsumerGroups", "describeShareGroups", "describeStreamsGroups", "describeTopics",
						"describeTransactions", "fenceProducers", "forceTerminateTransaction",
						"listConsumerGroupOffsets", "listShareGroupOffsets", "listStreamsGroupOffsets",
						"removeMembersFromConsumerGroup"),
				Set.of("abortTransaction", "addRaftVoter", "alterClientQuotas", "alterPartitionReassignments",
						"alterReplicaLogDirs", "alterUserScramCredentials", "clientInstanceId", "close", "createAcls",
						"createDelegationToken", "createTopics", "deleteAcls", "deleteRecords", "describeAcls",
						"describeClientQuotas", "describeCluster", "describeConfigs", "describeDelegationToken",
						"describeFeatures", "describeLogDirs", "describeMetadataQuorum", "describeProducers",
						"describeReplicaLogDirs", "describeUserScramCredentials", "electLeaders",
						"expireDelegationToken", "incrementalAlterConfigs", "listClientMetricsResources",
						"listConfigResources", "listConsumerGroups", "listGroups", "listOffsets",
						"listPartitionReassignments", "listTopics", "listTransactions", "metrics",
						"registerMetricForSubscription", "removeRaftVoter", "renewDelegationToken", "unregisterBroker",
						"unregisterMetricFromSubscription", "updateFeatures")));
		names.put("deleteShareGroupOffsets", Set.of(0, 1));
		return Map.copyOf(names);
	}

	private static final class PrefixingHandler implements InvocationHandler {

		private final Object target;

		private final NamePrefixMapper mapper;

		private final Map<String, Set<Integer>> nameParameters;

		PrefixingHandler(Object target, NamePrefixMapper mapper, Map<String, Set<Integer>> nameParameters) {
			this.target = target;
			this.mapper = mapper;
			this.nameParameters = nameParameters;
		}

		@Override
		public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] arguments)
				throws Throwable {
			if (arguments != null) {
				Set<Integer> names = this.nameParameters.getOrDefault(method.getName(), NONE);
				for (int i = 0; i < arguments.length; i++) {
					arguments[i] = this.mapper.map(arguments[i], names.contains(i));
				}
			}
			try {
				return method.invoke(this.target, arguments);
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		}

	}

}
