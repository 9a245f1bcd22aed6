package dev.karafka.spring.naming;

import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.SubscriptionPattern;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.BeanUtils;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link NamePrefixClients}.
 *
 * @author karafka-spring
 */
class NamePrefixClientsTests {

	private static final NamePrefix PREFIX = NamePrefix.of("p.");

	private static final TopicPartition ORDERS = new TopicPartition("orders", 0);

	private static final TopicPartition PREFIXED_ORDERS = new TopicPartition("p.orders", 0);

	private static final List<Object> KAFKA_VALUES = List.of(ORDERS, new SubscriptionPattern("orders"),
			new ConsumerGroupMetadata("billing"), AclBindingFilter.ANY,
			new AbortTransactionSpec(ORDERS, 1, (short) 0, 0), TopicCollection.ofTopicNames(List.of("orders")),
			ClientQuotaFilter.all(), new ProducerRecord<>("orders", "order"),
			new ListTransactionsOptions().filterOnTransactionalIdPattern("tx-.*"));

	@Test
	void everyMethodOfTheWrappedClientsIsReviewedAndHandled() throws IOException {
		List<Class<?>> clients = List.of(Consumer.class, Producer.class, Admin.class);
		Set<String> reviewed = new ClassPathResource("kafka-client-methods.txt", getClass())
			.getContentAsString(StandardCharsets.UTF_8)
			.lines()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.collect(Collectors.toCollection(TreeSet::new));
		Set<String> actual = clients.stream()
			.flatMap(NamePrefixClientsTests::methods)
			.map(NamePrefixClientsTests::signature)
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(actual).as("methods of the Kafka client interfaces, against kafka-client-methods.txt")
			.isEqualTo(reviewed);
		for (Class<?> client : clients) {
			assertThat(NamePrefixClients.nameParameters(client).keySet()).as("methods %s handles", client)
				.containsExactlyInAnyOrderElementsOf(methods(client).map(Method::getName).distinct().toList());
		}
	}

	@ParameterizedTest
	@ValueSource(classes = { Consumer.class, Producer.class, Admin.class })
	void everyMethodAcceptsArgumentsOfItsOwnTypesWithNamesToPrefix(Class<?> client) {
		Object target = mock(client);
		Object wrapped = wrap(client, target);
		methods(client).forEach((method) -> assertThatNoException().as(signature(method))
			.isThrownBy(() -> method.invoke(wrapped, arguments(method))));
	}

	@Test
	void committedGetsTheSetOfPrefixedPartitions() {
		Consumer<String, String> consumer = mockConsumer();
		Map<TopicPartition, OffsetAndMetadata> committed = Map.of(PREFIXED_ORDERS, new OffsetAndMetadata(3));
		given(consumer.committed(Set.of(PREFIXED_ORDERS))).willReturn(committed);
		assertThat(NamePrefixClients.consumer(consumer, PREFIX).committed(Set.of(ORDERS))).isSameAs(committed);
	}

	@Test
	void argumentsWithoutNamesToChangeArePassedAsTheyAre() {
		Consumer<String, String> consumer = mockConsumer();
		Set<TopicPartition> assigned = new LinkedHashSet<>(List.of(PREFIXED_ORDERS));
		NamePrefixClients.consumer(consumer, PREFIX).committed(assigned, Duration.ofSeconds(1));
		ArgumentCaptor<Set<TopicPartition>> partitions = captor();
		then(consumer).should().committed(partitions.capture(), any());
		assertThat(partitions.getValue()).isSameAs(assigned);
	}

	@Test
	void subscriptionsGetThePrefixedTopicsAndPatterns() {
		Consumer<String, String> consumer = mockConsumer();
		Consumer<String, String> wrapped = NamePrefixClients.consumer(consumer, PREFIX);
		wrapped.subscribe(List.of("orders", "p.payments"));
		wrapped.subscribe(new SubscriptionPattern("orders-.*"));
		wrapped.subscribe(Pattern.compile("audits"));
		then(consumer).should().subscribe(List.of("p.orders", "p.payments"));
		ArgumentCaptor<SubscriptionPattern> subscriptionPattern = ArgumentCaptor.forClass(SubscriptionPattern.class);
		then(consumer).should().subscribe(subscriptionPattern.capture());
		assertThat(Pattern.matches(subscriptionPattern.getValue().pattern(), "p.orders-eu")).isTrue();
		assertThat(Pattern.matches(subscriptionPattern.getValue().pattern(), "orders-eu")).isFalse();
		ArgumentCaptor<Pattern> pattern = ArgumentCaptor.forClass(Pattern.class);
		then(consumer).should().subscribe(pattern.capture());
		assertThat(pattern.getValue().matcher("p.audits").matches()).isTrue();
	}

	@Test
	void offsetsSentToATransactionNameThePrefixedGroupAndTopics() {
		@SuppressWarnings("unchecked")
		Producer<String, String> producer = mock(Producer.class);
		NamePrefixClients.producer(producer, PREFIX)
			.sendOffsetsToTransaction(Map.of(ORDERS, new OffsetAndMetadata(1)), new ConsumerGroupMetadata("billing"));
		ArgumentCaptor<ConsumerGroupMetadata> group = ArgumentCaptor.forClass(ConsumerGroupMetadata.class);
		then(producer).should().sendOffsetsToTransaction(any(), group.capture());
		assertThat(group.getValue().groupId()).isEqualTo("p.billing");
		then(producer).should()
			.sendOffsetsToTransaction(Map.of(PREFIXED_ORDERS, new OffsetAndMetadata(1)), group.getValue());
	}

	@Test
	void adminCallsGetPrefixedTopicsGroupsAndTransactionalIds() {
		Admin admin = mock(Admin.class);
		Admin wrapped = NamePrefixClients.admin(admin, PREFIX);
		wrapped.describeTopics(TopicCollection.ofTopicNames(List.of("orders")));
		wrapped.createTopics(List.of(new NewTopic("orders", 3, (short) 1)));
		wrapped.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "orders"),
				new ConfigResource(ConfigResource.Type.BROKER, "1")));
		wrapped.listConsumerGroupOffsets(
				Map.of("billing", new ListConsumerGroupOffsetsSpec().topicPartitions(List.of(ORDERS))));
		wrapped.listPartitionReassignments(Optional.of(Set.of(ORDERS)), null);
		wrapped.deleteShareGroupOffsets("sharers", Set.of("orders"));
		wrapped.fenceProducers(List.of("tx-1"));
		ArgumentCaptor<TopicCollection> topics = ArgumentCaptor.forClass(TopicCollection.class);
		then(admin).should().describeTopics(topics.capture());
		assertThat(((TopicCollection.TopicNameCollection) topics.getValue()).topicNames()).containsExactly("p.orders");
		ArgumentCaptor<Collection<NewTopic>> newTopics = captor();
		then(admin).should().createTopics(newTopics.capture());
		assertThat(newTopics.getValue()).extracting(NewTopic::name, NewTopic::numPartitions)
			.containsExactly(org.assertj.core.api.Assertions.tuple("p.orders", 3));
		then(admin).should()
			.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "p.orders"),
					new ConfigResource(ConfigResource.Type.BROKER, "1")));
		then(admin).should()
			.listConsumerGroupOffsets(
					Map.of("p.billing", new ListConsumerGroupOffsetsSpec().topicPartitions(List.of(PREFIXED_ORDERS))));
		then(admin).should().listPartitionReassignments(Optional.of(Set.of(PREFIXED_ORDERS)), null);
		then(admin).should().deleteShareGroupOffsets("p.sharers", Set.of("p.orders"));
		then(admin).should().fenceProducers(List.of("p.tx-1"));
	}

	@Test
	void transactionalIdPatternOfListTransactionsGetsThePrefixAndTheOtherFiltersStay() {
		Admin admin = mock(Admin.class);
		ListTransactionsOptions options = new ListTransactionsOptions().filterOnTransactionalIdPattern("tx-.*")
			.filterStates(List.of(TransactionState.ONGOING))
			.filterProducerIds(List.of(7L))
			.filterOnDuration(1000)
			.timeoutMs(5000);
		NamePrefixClients.admin(admin, PREFIX).listTransactions(options);
		ArgumentCaptor<ListTransactionsOptions> captured = ArgumentCaptor.forClass(ListTransactionsOptions.class);
		then(admin).should().listTransactions(captured.capture());
		ListTransactionsOptions prefixed = captured.getValue();
		assertThat(Pattern.matches(prefixed.filteredTransactionalIdPattern(), "p.tx-1")).isTrue();
		assertThat(Pattern.matches(prefixed.filteredTransactionalIdPattern(), "tx-1")).isFalse();
		assertThat(prefixed.filteredStates()).containsExactly(TransactionState.ONGOING);
		assertThat(prefixed.filteredProducerIds()).containsExactly(7L);
		assertThat(prefixed.filteredDuration()).isEqualTo(1000);
		assertThat(prefixed.timeoutMs()).isEqualTo(5000);
		assertThat(options.filteredTransactionalIdPattern()).as("the caller's options").isEqualTo("tx-.*");
		assertThat(Arrays.stream(ListTransactionsOptions.class.getDeclaredFields())
			.filter((field) -> !Modifier.isStatic(field.getModifiers()))
			.map(Field::getName)).as("filters copied to the prefixed options")
			.containsExactlyInAnyOrder("filteredStates", "filteredProducerIds", "filteredDuration",
					"filteredTransactionalIdPattern");
	}

	@Test
	void streamsGroupOffsetsSpecCarriesNoTopicsAnApplicationCanSet() throws NoSuchMethodException {
		Method topicPartitions = ListStreamsGroupOffsetsSpec.class.getDeclaredMethod("topicPartitions",
				Collection.class);
		assertThat(Modifier.isPublic(topicPartitions.getModifiers()))
			.as("ListStreamsGroupOffsetsSpec.topicPartitions(Collection) became public: prefix its partitions in "
					+ "NamePrefixMapper as those of ListConsumerGroupOffsetsSpec")
			.isFalse();
	}

	private static Stream<Method> methods(Class<?> client) {
		return Arrays.stream(client.getMethods())
			.filter((method) -> !Modifier.isStatic(method.getModifiers()))
			.filter((method) -> method.getDeclaringClass() != Object.class);
	}

	private static String signature(Method method) {
		return method.getDeclaringClass().getSimpleName() + "." + method.getName()
				+ Arrays.stream(method.getParameterTypes())
					.map(Class::getSimpleName)
					.collect(Collectors.joining(",", "(", ")"));
	}

	private static Object wrap(Class<?> client, Object target) {
		if (client == Consumer.class) {
			return NamePrefixClients.consumer((Consumer<?, ?>) target, PREFIX);
		}
		if (client == Producer.class) {
			return NamePrefixClients.producer((Producer<?, ?>) target, PREFIX);
		}
		return NamePrefixClients.admin((Admin) target, PREFIX);
	}

	private static Object[] arguments(Method method) {
		return Arrays.stream(method.getParameterTypes()).map(NamePrefixClientsTests::argument).toArray();
	}

	private static Object argument(Class<?> type) {
		if (type == String.class) {
			return "orders";
		}
		if (type == Set.class) {
			return new LinkedHashSet<>(List.of(ORDERS, "orders"));
		}
		if (type == List.class || type == Collection.class) {
			return new ArrayList<>(List.of(ORDERS, "orders"));
		}
		if (type == Map.class) {
			return new LinkedHashMap<>(Map.of(ORDERS, new OffsetAndMetadata(1), "orders", "value"));
		}
		if (type == Optional.class) {
			return Optional.of(Set.of(ORDERS));
		}
		if (type == Pattern.class) {
			return Pattern.compile("orders");
		}
		if (type.isArray()) {
			return Array.newInstance(type.getComponentType(), 1);
		}
		if (type.isPrimitive()) {
			return Array.get(Array.newInstance(type, 1), 0);
		}
		if (type.isEnum()) {
			return type.getEnumConstants()[0];
		}
		return KAFKA_VALUES.stream().filter(type::isInstance).findFirst().orElseGet(() -> instance(type));
	}

	private static @Nullable Object instance(Class<?> type) {
		if (type.isInterface()) {
			return mock(type);
		}
		Constructor<?> constructor = ClassUtils.getConstructorIfAvailable(type);
		return (constructor != null) ? BeanUtils.instantiateClass(constructor) : null;
	}

	@SuppressWarnings("unchecked")
	private static Consumer<String, String> mockConsumer() {
		return mock(Consumer.class);
	}

	@SuppressWarnings("unchecked")
	private static <T> ArgumentCaptor<T> captor() {
		return (ArgumentCaptor<T>) ArgumentCaptor.forClass(Object.class);
	}

}
