package dev.karafka.spring.naming;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.SubscriptionPattern;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionReplica;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.jspecify.annotations.Nullable;

/**
 * Applies a {@link NamePrefix} to the names inside an argument of a Kafka client call,
 * keeping the argument's own type: a {@link Set} stays a {@code Set}, a {@link List} a
 * {@code List}, a {@link Map} a {@code Map}, an {@link Optional} an {@code Optional}, an
 * array an array of the same component type. An argument without a name to change is
 * returned as it is (the same instance). Topics are found in the Kafka types that carry
 * them ({@link TopicPartition}, {@link NewTopic}, {@link ConfigResource}, ...); plain
 * strings are names only where the caller says so.
 *
 * @author karafka-spring
 */
final class NamePrefixMapper {

	private final NamePrefix prefix;

	NamePrefixMapper(NamePrefix prefix) {
		this.prefix = prefix;
	}

	/**
	 * Return the value with the prefix applied to the names it holds.
	 * @param value an argument of a client call
	 * @param names whether strings in the value (itself, the elements or keys of a
	 * collection or map) are topic, group or transactional id names
	 * @return the value with prefixed names, of the value's own type
	 */
	@Nullable Object map(@Nullable Object value, boolean names) {
		if (value == null || this.prefix.isEmpty()) {
			return value;
		}
		if (value instanceof String name) {
			return (names) ? name(name) : name;
		}
		if (value instanceof Set<?> set) {
			return unlessUnchanged(set, collect(set, names, new LinkedHashSet<>()));
		}
		if (value instanceof Collection<?> collection) {
			return unlessUnchanged(collection, collect(collection, names, new ArrayList<>()));
		}
		if (value instanceof Map<?, ?> map) {
			Map<Object, @Nullable Object> mapped = new LinkedHashMap<>();
			map.forEach((key, element) -> mapped.put(map(key, names), map(element, false)));
			return isUnchanged(map.keySet(), mapped.keySet()) && isUnchanged(map.values(), mapped.values()) ? map
					: mapped;
		}
		if (value instanceof Optional<?> optional) {
			return optional.map((element) -> map(element, names));
		}
		if (value instanceof Object[] array) {
			Object[] mapped = (Object[]) Array.newInstance(array.getClass().getComponentType(), array.length);
			for (int i = 0; i < array.length; i++) {
				mapped[i] = map(array[i], names);
			}
			return isUnchanged(Arrays.asList(array), Arrays.asList(mapped)) ? array : mapped;
		}
		return mapKafkaType(value);
	}

	private Object mapKafkaType(Object value) {
		if (value instanceof TopicPartition partition) {
			String topic = name(partition.topic());
			return topic.equals(partition.topic()) ? partition : new TopicPartition(topic, partition.partition());
		}
		if (value instanceof Pattern pattern) {
			return this.prefix.applyToPattern(pattern);
		}
		if (value instanceof SubscriptionPattern pattern) {
			return new SubscriptionPattern(this.prefix.applyToPattern(pattern.pattern()).pattern());
		}
		if (value instanceof TopicPartitionReplica replica) {
			return new TopicPartitionReplica(name(replica.topic()), replica.partition(), replica.brokerId());
		}
		if (value instanceof TopicCollection.TopicNameCollection topics) {
			return TopicCollection.ofTopicNames(mapAll(topics.topicNames(), true));
		}
		if (value instanceof NewTopic topic) {
			return NewTopicNamePrefixPostProcessor.withPrefix(this.prefix, topic);
		}
		if (value instanceof ConfigResource resource
				&& (resource.type() == ConfigResource.Type.TOPIC || resource.type() == ConfigResource.Type.GROUP)) {
			return new ConfigResource(resource.type(), name(resource.name()));
		}
		if (value instanceof ConsumerGroupMetadata metadata) {
			return new ConsumerGroupMetadata(name(metadata.groupId()), metadata.generationId(), metadata.memberId(),
					metadata.groupInstanceId());
		}
		if (value instanceof ListConsumerGroupOffsetsSpec spec && spec.topicPartitions() != null) {
			return new ListConsumerGroupOffsetsSpec().topicPartitions(mapAll(spec.topicPartitions(), false));
		}
		if (value instanceof ListShareGroupOffsetsSpec spec && spec.topicPartitions() != null) {
			return new ListShareGroupOffsetsSpec().topicPartitions(mapAll(spec.topicPartitions(), false));
		}
		if (value instanceof ListTransactionsOptions options && options.filteredTransactionalIdPattern() != null
				&& !options.filteredTransactionalIdPattern().isEmpty()) {
			return withPrefixedPattern(options);
		}
		if (value instanceof AbortTransactionSpec spec) {
			return new AbortTransactionSpec((TopicPartition) mapKafkaType(spec.topicPartition()), spec.producerId(),
					spec.producerEpoch(), spec.coordinatorEpoch());
		}
		return mapAcl(value);
	}

	/**
	 * A copy of the given options with the prefix on the transactional id pattern: a
	 * regular expression, anchored after the quoted prefix as a pattern of topics.
	 */
	private ListTransactionsOptions withPrefixedPattern(ListTransactionsOptions options) {
		ListTransactionsOptions prefixed = new ListTransactionsOptions().filterStates(options.filteredStates())
			.filterProducerIds(options.filteredProducerIds())
			.filterOnDuration(options.filteredDuration())
			.filterOnTransactionalIdPattern(
					this.prefix.applyToPattern(options.filteredTransactionalIdPattern()).pattern());
		return prefixed.timeoutMs(options.timeoutMs());
	}

	private Object mapAcl(Object value) {
		if (value instanceof AclBinding binding) {
			return new AclBinding(resourcePattern(binding.pattern()), binding.entry());
		}
		if (value instanceof AclBindingFilter filter) {
			return new AclBindingFilter(resourcePatternFilter(filter.patternFilter()), filter.entryFilter());
		}
		return value;
	}

	private ResourcePattern resourcePattern(ResourcePattern pattern) {
		return isNamed(pattern.resourceType(), pattern.name())
				? new ResourcePattern(pattern.resourceType(), name(pattern.name()), pattern.patternType()) : pattern;
	}

	private ResourcePatternFilter resourcePatternFilter(ResourcePatternFilter filter) {
		return isNamed(filter.resourceType(), filter.name())
				? new ResourcePatternFilter(filter.resourceType(), name(filter.name()), filter.patternType()) : filter;
	}

	private static boolean isNamed(ResourceType type, @Nullable String name) {
		return (type == ResourceType.TOPIC || type == ResourceType.GROUP || type == ResourceType.TRANSACTIONAL_ID)
				&& name != null && !name.isEmpty() && !ResourcePattern.WILDCARD_RESOURCE.equals(name);
	}

	private String name(String name) {
		return name.isEmpty() ? name : this.prefix.apply(name);
	}

	@SuppressWarnings("unchecked")
	private <T> List<T> mapAll(Collection<T> values, boolean names) {
		return (List<T>) collect(values, names, new ArrayList<>());
	}

	private <C extends Collection<@Nullable Object>> C collect(Collection<?> values, boolean names, C mapped) {
		values.forEach((value) -> mapped.add(map(value, names)));
		return mapped;
	}

	private static <C extends Collection<?>> C unlessUnchanged(C original, C mapped) {
		return isUnchanged(original, mapped) ? original : mapped;
	}

	private static boolean isUnchanged(Collection<?> original, Collection<?> mapped) {
		if (original.size() != mapped.size()) {
			return false;
		}
		Iterator<?> elements = mapped.iterator();
		return original.stream().allMatch((element) -> element == elements.next());
	}

}
