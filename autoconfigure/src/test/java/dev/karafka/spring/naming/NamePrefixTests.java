package dev.karafka.spring.naming;

import java.util.List;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NamePrefix}.
 *
 * @author karafka-spring
 */
class NamePrefixTests {

	private final NamePrefix prefix = NamePrefix.of("smoothboulder-1234.");

	@Test
	void prefixIsAppliedOnce() {
		assertThat(this.prefix.apply("users_events")).isEqualTo("smoothboulder-1234.users_events");
		assertThat(this.prefix.apply("smoothboulder-1234.users_events")).isEqualTo("smoothboulder-1234.users_events");
	}

	@Test
	void blankPrefixLeavesNamesAlone() {
		assertThat(NamePrefix.of(" ").apply("users_events")).isEqualTo("users_events");
		assertThat(NamePrefix.of(null)).isSameAs(NamePrefix.NONE);
	}

	@Test
	void arraysAndIterablesKeepTheirShape() {
		assertThat(this.prefix.applyToAll(new String[] { "a", "b" }))
			.isEqualTo(new String[] { "smoothboulder-1234.a", "smoothboulder-1234.b" });
		assertThat(this.prefix.applyToAll(List.of("a"))).isEqualTo(List.of("smoothboulder-1234.a"));
	}

	@Test
	void patternIsAnchoredAfterTheQuotedPrefix() {
		Pattern pattern = this.prefix.applyToPattern("users_.*|orders");
		assertThat(pattern.matcher("smoothboulder-1234.users_events").matches()).isTrue();
		assertThat(pattern.matcher("smoothboulder-1234.orders").matches()).isTrue();
		assertThat(pattern.matcher("users_events").matches()).isFalse();
		assertThat(pattern.matcher("smoothboulder-1234Xusers_events").matches()).isFalse();
		assertThat(this.prefix.applyToPattern(pattern)).isSameAs(pattern);
	}

	@Test
	void logicalTopicOfAConsumedRecordHasNoPrefix() {
		ConsumerRecord<String, String> record = new ConsumerRecord<>("smoothboulder-1234.orders-dlt", 0, 0, null, "x");
		assertThat(this.prefix.logicalTopic(record)).isEqualTo("orders-dlt");
		assertThat(this.prefix.logicalName("other")).isEqualTo("other");
	}

}
