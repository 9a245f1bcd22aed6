package dev.karafka.spring.naming;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.karafka.spring.connection.InvalidSettingException;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Fails start-up, before any Kafka Streams application starts, when a topology of a
 * {@link StreamsBuilderFactoryBean} reads or writes a topic without the
 * {@link NamePrefix}: the report names every such source, sink, table and global store
 * topic and pattern, and the fix ({@link NamePrefix#apply(String)},
 * {@link NamePrefix#applyToPattern(Object)}).
 * <p>
 * Topologies built on a {@link NamePrefixStreamsBuilderFactoryBean} (the one of
 * {@code @EnableKafkaStreams}) get the prefix; this check catches the others: a
 * {@code StreamsBuilderFactoryBean} of the application's own, topics added to a
 * {@code Topology} by hand, or a kafka-streams version whose internals the
 * {@link NamePrefixStreamsBuilder} no longer reaches. Internal topics are exempt: Kafka
 * Streams names them after the {@code application.id}, which has the prefix
 * ({@link StreamsBuilderFactoryBeanNamePrefixPostProcessor}), and a topology description
 * shows them by their DSL names, ending with {@code -repartition} (repartition topics) or
 * {@code -subscription-registration[-<n>]-topic} and
 * {@code -subscription-response[-<n>]-topic} (foreign-key joins).
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class StreamsTopologyNamePrefixCheck implements SmartLifecycle {

	private static final Pattern INTERNAL_TOPIC = Pattern
		.compile("(?i).*(-repartition|subscription-(registration|response)(-\\d+)?-topic)");

	private final NamePrefix prefix;

	private final ObjectProvider<StreamsBuilderFactoryBean> factoryBeans;

	private volatile boolean running;

	/**
	 * Create a new instance.
	 * @param prefix the prefix every topic of a topology must have
	 * @param factoryBeans the factory beans whose topologies to check
	 */
	public StreamsTopologyNamePrefixCheck(NamePrefix prefix, ObjectProvider<StreamsBuilderFactoryBean> factoryBeans) {
		this.prefix = prefix;
		this.factoryBeans = factoryBeans;
	}

	/**
	 * Return the topics and patterns of the given topology that lack the prefix, internal
	 * topics aside.
	 * @param topology the built topology
	 * @param prefix the prefix
	 * @return descriptions such as {@code source 'words'}, {@code sink 'counts'} or
	 * {@code source pattern 'logs-.*'}, in topology order, empty when every name has the
	 * prefix
	 */
	public static List<String> unprefixedTopics(Topology topology, NamePrefix prefix) {
		Set<String> unprefixed = new LinkedHashSet<>();
		if (prefix.isEmpty()) {
			return List.of();
		}
		TopologyDescription description = topology.describe();
		for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
			for (TopologyDescription.Node node : subtopology.nodes()) {
				if (node instanceof TopologyDescription.Source source) {
					addSource(unprefixed, source, "source", prefix);
				}
				else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null
						&& isUnprefixed(sink.topic(), prefix)) {
					unprefixed.add("sink '" + sink.topic() + "'");
				}
			}
		}
		for (TopologyDescription.GlobalStore store : description.globalStores()) {
			addSource(unprefixed, store.source(), "global store source", prefix);
		}
		return new ArrayList<>(unprefixed);
	}

	private static void addSource(Set<String> unprefixed, TopologyDescription.Source source, String kind,
			NamePrefix prefix) {
		if (source.topicSet() != null) {
			source.topicSet()
				.stream()
				.filter((topic) -> isUnprefixed(topic, prefix))
				.forEach((topic) -> unprefixed.add(kind + " '" + topic + "'"));
		}
		Pattern pattern = source.topicPattern();
		if (pattern != null && !hasPrefix(pattern, prefix)) {
			unprefixed.add(kind + " pattern '" + pattern.pattern() + "'");
		}
	}

	/**
	 * Return whether the given pattern starts with the prefix, quoted (as by
	 * {@link NamePrefix#applyToPattern(Object)}) or with its dots escaped.
	 */
	static boolean hasPrefix(Pattern pattern, NamePrefix prefix) {
		return pattern.pattern().startsWith(Pattern.quote(prefix.value()))
				|| pattern.pattern().startsWith(prefix.value().replace(".", "\\."));
	}

	private static boolean isUnprefixed(String topic, NamePrefix prefix) {
		return !topic.startsWith(prefix.value()) && !INTERNAL_TOPIC.matcher(topic).matches();
	}

	@Override
	public void start() {
		this.factoryBeans.orderedStream().forEach(this::check);
		this.running = true;
	}

	private void check(StreamsBuilderFactoryBean factoryBean) {
		Topology topology = factoryBean.getTopology();
		List<String> unprefixed = (topology != null) ? unprefixedTopics(topology, this.prefix) : List.of();
		if (!unprefixed.isEmpty()) {
			throw new InvalidSettingException("karafka.prefix",
					"the Kafka Streams topology reads or writes topics without the name prefix '" + this.prefix
							+ "' (karafka.prefix or KAFKA_PREFIX), which the broker would refuse or keep apart: "
							+ String.join(", ", unprefixed),
					"Declare the factory bean as a dev.karafka.spring.naming.NamePrefixStreamsBuilderFactoryBean, "
							+ "which gives the prefix to the topics of its topology, or write the topic names with the "
							+ "prefix: inject the NamePrefix bean and use 'builder.stream(namePrefix.apply(\"words\"))', "
							+ "'stream.to(namePrefix.apply(\"counts\"))', 'builder.table(namePrefix.apply(...))', and for "
							+ "patterns 'builder.stream(namePrefix.applyToPattern(\"logs-.*\"))'. Names that already "
							+ "have the prefix are left as they are; internal topics get it through the application.id.");
		}
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Return the first phase, so that the check runs before any Kafka Streams application
	 * starts, whatever the phase of its {@link StreamsBuilderFactoryBean}.
	 * @return {@link Integer#MIN_VALUE}
	 */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

}
