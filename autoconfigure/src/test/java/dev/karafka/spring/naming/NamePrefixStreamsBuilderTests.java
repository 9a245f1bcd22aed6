package dev.karafka.spring.naming;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NamePrefixStreamsBuilder}.
 *
 * @author karafka-spring
 */
class NamePrefixStreamsBuilderTests {

	private static final NamePrefix PREFIX = NamePrefix.of("tenant.");

	@Test
	void sourcesSinksTablesGlobalTablesAndPatternsGetThePrefixAndInternalTopicsDoNot() {
		Topology topology = StreamsTopologyNamePrefixCheckTests.topology(new NamePrefixStreamsBuilder(PREFIX),
				Function.identity(), Pattern.compile("logs-.*"));
		assertThat(StreamsTopologyNamePrefixCheck.unprefixedTopics(topology, PREFIX)).isEmpty();
		assertThat(topics(topology))
			.contains("tenant.words", "tenant.counts", "tenant.labels", "tenant.owners", "tenant.regions")
			.filteredOn((topic) -> !topic.startsWith("tenant."))
			.isNotEmpty()
			.allMatch((topic) -> topic.endsWith("-repartition") || topic.endsWith("-topic"));
		assertThat(patterns(topology)).singleElement()
			.satisfies((pattern) -> assertThat(Pattern.matches(pattern, "tenant.logs-eu")).isTrue())
			.satisfies((pattern) -> assertThat(Pattern.matches(pattern, "logs-eu")).isFalse());
	}

	@Test
	void namesWrittenWithThePrefixGetItOnce() {
		Topology logical = StreamsTopologyNamePrefixCheckTests.topology(new NamePrefixStreamsBuilder(PREFIX),
				Function.identity(), Pattern.compile("logs-.*"));
		Topology prefixed = StreamsTopologyNamePrefixCheckTests.topology(new NamePrefixStreamsBuilder(PREFIX),
				PREFIX::apply, PREFIX.applyToPattern("logs-.*"));
		Topology escaped = StreamsTopologyNamePrefixCheckTests.topology(new NamePrefixStreamsBuilder(PREFIX),
				PREFIX::apply, Pattern.compile("tenant\\.logs-.*"));
		assertThat(topics(prefixed)).isEqualTo(topics(logical))
			.noneMatch((topic) -> topic.startsWith("tenant.tenant."));
		assertThat(patterns(prefixed)).isEqualTo(patterns(logical));
		assertThat(patterns(escaped)).containsExactly("tenant\\.logs-.*");
	}

	@Test
	void buildingTwiceKeepsThePrefixOnce() {
		StreamsBuilder builder = new NamePrefixStreamsBuilder(PREFIX);
		builder.<String, String>stream("words").to("copies");
		builder.build();
		assertThat(topics(builder.build())).containsExactlyInAnyOrder("tenant.words", "tenant.copies");
	}

	@Test
	void topicsChosenPerRecordGetThePrefix() throws Exception {
		StreamsBuilder builder = new NamePrefixStreamsBuilder(PREFIX);
		TopicNameExtractor<String, String> byKey = (key, value, context) -> key;
		builder.stream("words", Consumed.with(Serdes.String(), Serdes.String()))
			.to(byKey, Produced.with(Serdes.String(), Serdes.String()));
		TopologyDescription.Sink sink = sinks(builder.build()).get(0);
		assertThat(sink.topic()).isNull();
		@SuppressWarnings("unchecked")
		TopicNameExtractor<String, String> extractor = (TopicNameExtractor<String, String>) sink.topicNameExtractor();
		assertThat(extractor.extract("orders", "value", null)).isEqualTo("tenant.orders");
		assertThat(extractor.extract("tenant.orders", "value", null)).isEqualTo("tenant.orders");
	}

	@Test
	void withoutAPrefixTheTopologyIsKafkaStreamsOwn() {
		Topology plain = StreamsTopologyNamePrefixCheckTests.topology(Function.identity(), Pattern.compile("logs-.*"));
		Topology unprefixed = StreamsTopologyNamePrefixCheckTests
			.topology(new NamePrefixStreamsBuilder(NamePrefix.NONE), Function.identity(), Pattern.compile("logs-.*"));
		assertThat(unprefixed.describe()).hasToString(plain.describe().toString());
	}

	private static Set<String> topics(Topology topology) {
		Set<String> topics = new TreeSet<>();
		TopologyDescription description = topology.describe();
		description.subtopologies().forEach((subtopology) -> subtopology.nodes().forEach((node) -> {
			if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
				topics.addAll(source.topicSet());
			}
			if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
				topics.add(sink.topic());
			}
		}));
		description.globalStores().forEach((store) -> topics.addAll(store.source().topicSet()));
		return topics;
	}

	private static List<String> patterns(Topology topology) {
		return topology.describe()
			.subtopologies()
			.stream()
			.flatMap((subtopology) -> subtopology.nodes().stream())
			.filter(TopologyDescription.Source.class::isInstance)
			.map((node) -> ((TopologyDescription.Source) node).topicPattern())
			.filter(Objects::nonNull)
			.map(Pattern::pattern)
			.toList();
	}

	private static List<TopologyDescription.Sink> sinks(Topology topology) {
		return topology.describe()
			.subtopologies()
			.stream()
			.flatMap((subtopology) -> subtopology.nodes().stream())
			.filter(TopologyDescription.Sink.class::isInstance)
			.map(TopologyDescription.Sink.class::cast)
			.toList();
	}

}
