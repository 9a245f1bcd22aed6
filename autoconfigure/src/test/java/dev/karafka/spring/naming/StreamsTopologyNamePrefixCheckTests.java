package dev.karafka.spring.naming;

import java.util.function.Function;
import java.util.regex.Pattern;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StreamsTopologyNamePrefixCheck}.
 *
 * @author karafka-spring
 */
class StreamsTopologyNamePrefixCheckTests {

	private static final NamePrefix PREFIX = NamePrefix.of("tenant.");

	@Test
	void namesEverySourceSinkTableGlobalTableAndPatternWithoutThePrefixButNoInternalTopic() {
		Topology topology = topology(Function.identity(), Pattern.compile("logs-.*"));
		assertThat(StreamsTopologyNamePrefixCheck.unprefixedTopics(topology, PREFIX)).containsExactlyInAnyOrder(
				"source 'words'", "sink 'counts'", "source 'labels'", "source 'owners'",
				"global store source 'regions'", "source pattern 'logs-.*'");
	}

	@Test
	void acceptsATopologyWrittenWithThePrefix() {
		Topology topology = topology(PREFIX::apply, PREFIX.applyToPattern("logs-.*"));
		assertThat(StreamsTopologyNamePrefixCheck.unprefixedTopics(topology, PREFIX)).isEmpty();
	}

	@Test
	void acceptsAPatternThatStartsWithTheEscapedPrefix() {
		Topology topology = topology(PREFIX::apply, Pattern.compile("tenant\\.logs-.*"));
		assertThat(StreamsTopologyNamePrefixCheck.unprefixedTopics(topology, PREFIX)).isEmpty();
	}

	@Test
	void withoutAPrefixEveryTopologyIsAccepted() {
		Topology topology = topology(Function.identity(), Pattern.compile("logs-.*"));
		assertThat(StreamsTopologyNamePrefixCheck.unprefixedTopics(topology, NamePrefix.NONE)).isEmpty();
	}

	/**
	 * A topology with a repartitioning count and a foreign-key join, whose internal
	 * topics appear in its description by their DSL names.
	 */
	static Topology topology(Function<String, String> names, Pattern logs) {
		return topology(new StreamsBuilder(), names, logs);
	}

	static Topology topology(StreamsBuilder builder, Function<String, String> names, Pattern logs) {
		Consumed<String, String> strings = Consumed.with(Serdes.String(), Serdes.String());
		builder.stream(names.apply("words"), strings)
			.groupBy((key, word) -> word)
			.count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("word-counts")
				.withKeySerde(Serdes.String())
				.withValueSerde(Serdes.Long()))
			.toStream()
			.mapValues(String::valueOf)
			.to(names.apply("counts"));
		KTable<String, String> labels = builder.table(names.apply("labels"), strings);
		KTable<String, String> owners = builder.table(names.apply("owners"), strings);
		labels.join(owners, (label) -> label, (label, owner) -> label + owner);
		builder.globalTable(names.apply("regions"), strings);
		builder.stream(logs, strings).foreach((key, value) -> {
		});
		return builder.build();
	}

}
