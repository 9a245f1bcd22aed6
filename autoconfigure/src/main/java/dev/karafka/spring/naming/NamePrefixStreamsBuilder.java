package dev.karafka.spring.naming;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.internals.InternalStreamsBuilder;
import org.apache.kafka.streams.kstream.internals.graph.GraphNode;
import org.apache.kafka.streams.kstream.internals.graph.SourceGraphNode;
import org.apache.kafka.streams.kstream.internals.graph.StreamSinkNode;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.internals.StaticTopicNameExtractor;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;

/**
 * A {@link StreamsBuilder} whose topologies read and write the topics of the application
 * with the {@link NamePrefix}, once: the code writes {@code builder.stream("words")} and
 * {@code stream.to("counts")}, Kafka Streams sees {@code tenant.words} and
 * {@code tenant.counts}. Names that already have the prefix ({@link NamePrefix#apply})
 * are left as they are; patterns get it as by {@link NamePrefix#applyToPattern(Object)}.
 * Internal topics are left alone: Kafka Streams names them after the
 * {@code application.id}, which has the prefix.
 * <p>
 * Sources, tables, global tables and global stores get the prefix through the builder's
 * public methods. Sinks ({@code KStream.to}) are named by the DSL inside Kafka Streams'
 * internal graph, so {@link #build(Properties)} renames them there before the topology is
 * written, reading two non-public fields of kafka-streams 4.1
 * ({@code InternalStreamsBuilder.root}, {@code StreamSinkNode.topicNameExtractor}). A
 * kafka-streams version without them fails {@code build} with an
 * {@link IllegalStateException} saying so, and {@link StreamsTopologyNamePrefixCheck}
 * fails start-up should any topic of the topology still lack the prefix.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class NamePrefixStreamsBuilder extends StreamsBuilder {

	private final NamePrefix prefix;

	/**
	 * Create a new instance with Kafka Streams' default topology settings.
	 * @param prefix the prefix of the topics
	 */
	public NamePrefixStreamsBuilder(NamePrefix prefix) {
		this.prefix = prefix;
	}

	/**
	 * Create a new instance.
	 * @param topologyConfig the topology settings
	 * @param prefix the prefix of the topics
	 */
	public NamePrefixStreamsBuilder(TopologyConfig topologyConfig, NamePrefix prefix) {
		super(topologyConfig);
		this.prefix = prefix;
	}

	@Override
	public synchronized <K, V> KStream<K, V> stream(String topic) {
		return super.stream(name(topic));
	}

	@Override
	public synchronized <K, V> KStream<K, V> stream(String topic, Consumed<K, V> consumed) {
		return super.stream(name(topic), consumed);
	}

	@Override
	public synchronized <K, V> KStream<K, V> stream(Collection<String> topics) {
		return super.stream(names(topics));
	}

	@Override
	public synchronized <K, V> KStream<K, V> stream(Collection<String> topics, Consumed<K, V> consumed) {
		return super.stream(names(topics), consumed);
	}

	@Override
	public synchronized <K, V> KStream<K, V> stream(Pattern topicPattern) {
		return super.stream(pattern(topicPattern));
	}

	@Override
	public synchronized <K, V> KStream<K, V> stream(Pattern topicPattern, Consumed<K, V> consumed) {
		return super.stream(pattern(topicPattern), consumed);
	}

	@Override
	public synchronized <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed,
			Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
		return super.table(name(topic), consumed, materialized);
	}

	@Override
	public synchronized <K, V> KTable<K, V> table(String topic) {
		return super.table(name(topic));
	}

	@Override
	public synchronized <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed) {
		return super.table(name(topic), consumed);
	}

	@Override
	public synchronized <K, V> KTable<K, V> table(String topic,
			Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
		return super.table(name(topic), materialized);
	}

	@Override
	public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic, Consumed<K, V> consumed) {
		return super.globalTable(name(topic), consumed);
	}

	@Override
	public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic) {
		return super.globalTable(name(topic));
	}

	@Override
	public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic, Consumed<K, V> consumed,
			Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
		return super.globalTable(name(topic), consumed, materialized);
	}

	@Override
	public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic,
			Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
		return super.globalTable(name(topic), materialized);
	}

	@Override
	public synchronized <KIn, VIn> StreamsBuilder addGlobalStore(StoreBuilder<?> storeBuilder, String topic,
			Consumed<KIn, VIn> consumed, ProcessorSupplier<KIn, VIn, Void, Void> stateUpdateSupplier) {
		return super.addGlobalStore(storeBuilder, name(topic), consumed, stateUpdateSupplier);
	}

	@Override
	public synchronized Topology build(@Nullable Properties props) {
		if (!this.prefix.isEmpty()) {
			prefixSinks();
		}
		return super.build(props);
	}

	private @Nullable String name(@Nullable String topic) {
		return (topic != null) ? this.prefix.apply(topic) : null;
	}

	private @Nullable Collection<String> names(@Nullable Collection<String> topics) {
		return (topics != null) ? topics.stream().map(this.prefix::apply).toList() : null;
	}

	private @Nullable Pattern pattern(@Nullable Pattern pattern) {
		if (pattern == null || this.prefix.isEmpty()
				|| StreamsTopologyNamePrefixCheck.hasPrefix(pattern, this.prefix)) {
			return pattern;
		}
		return this.prefix.applyToPattern(pattern);
	}

	/**
	 * Give the prefix to the topic of every sink of the DSL graph that writes to a topic
	 * of the application: not to those of foreign-key joins, whose internal topic the DSL
	 * reads back right after the sink.
	 */
	private void prefixSinks() {
		Field root = field(InternalStreamsBuilder.class, "root");
		Field topicNameExtractor = field(StreamSinkNode.class, "topicNameExtractor");
		Set<GraphNode> visited = Collections.newSetFromMap(new IdentityHashMap<>());
		Deque<GraphNode> nodes = new ArrayDeque<>();
		nodes.add((GraphNode) read(root, this.internalStreamsBuilder));
		while (!nodes.isEmpty()) {
			GraphNode node = nodes.poll();
			if (visited.add(node)) {
				if (node instanceof StreamSinkNode<?, ?> sink) {
					prefixSink(sink, topicNameExtractor);
				}
				nodes.addAll(node.children());
			}
		}
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private void prefixSink(StreamSinkNode<?, ?> sink, Field topicNameExtractor) {
		TopicNameExtractor extractor = (TopicNameExtractor) read(topicNameExtractor, sink);
		if (extractor instanceof StaticTopicNameExtractor<?, ?> topic) {
			if (!topic.topicName.equals(this.prefix.apply(topic.topicName)) && !isReadBack(sink, topic.topicName)) {
				ReflectionUtils.setField(topicNameExtractor, sink,
						new StaticTopicNameExtractor<>(this.prefix.apply(topic.topicName)));
			}
		}
		else if (!(extractor instanceof PrefixingTopicNameExtractor)) {
			ReflectionUtils.setField(topicNameExtractor, sink, new PrefixingTopicNameExtractor(extractor, this.prefix));
		}
	}

	private static boolean isReadBack(StreamSinkNode<?, ?> sink, String topic) {
		return sink.children()
			.stream()
			.anyMatch((child) -> child instanceof SourceGraphNode<?, ?> source
					&& source.topicNames().map((names) -> names.contains(topic)).orElse(false));
	}

	private static Field field(Class<?> type, String name) {
		Field field = ReflectionUtils.findField(type, name);
		if (field == null) {
			throw new IllegalStateException(notSupported(type, name));
		}
		ReflectionUtils.makeAccessible(field);
		return field;
	}

	private static Object read(Field field, Object target) {
		Object value = ReflectionUtils.getField(field, target);
		if (value == null) {
			throw new IllegalStateException(notSupported(field.getDeclaringClass(), field.getName()));
		}
		return value;
	}

	private static String notSupported(Class<?> type, String field) {
		return "The name prefix cannot be given to the sinks of Kafka Streams topologies with this kafka-streams "
				+ "version: " + type.getName() + " has no field '" + field + "' (written for kafka-streams 4.1). "
				+ "Write the topics with namePrefix.apply(...) on a StreamsBuilderFactoryBean of your own.";
	}

	/**
	 * Gives the prefix to the topics a dynamic sink
	 * ({@code KStream.to(TopicNameExtractor)}) chooses.
	 */
	private record PrefixingTopicNameExtractor<K, V>(TopicNameExtractor<K, V> extractor,
			NamePrefix prefix) implements TopicNameExtractor<K, V> {

		@Override
		public String extract(K key, V value, RecordContext recordContext) {
			return this.prefix.apply(this.extractor.extract(key, value, recordContext));
		}

	}

}
