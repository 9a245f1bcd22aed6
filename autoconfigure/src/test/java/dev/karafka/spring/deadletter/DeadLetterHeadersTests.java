package dev.karafka.spring.deadletter;

import java.nio.charset.StandardCharsets;

import dev.karafka.spring.naming.NamePrefix;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DeadLetterHeaders}.
 *
 * @author karafka-spring
 */
class DeadLetterHeadersTests {

	private final DeadLetterHeaders headers = new DeadLetterHeaders(NamePrefix.of("tenant."), 64, 512);

	@Test
	void sourceHeadersNameTheTopicAndGroupWithAndWithoutThePrefix() {
		Headers target = new RecordHeaders();
		this.headers.addSourceHeaders(target, new ConsumerRecord<>("tenant.orders", 2, 41, "key", "value"),
				"tenant.billing", 4);
		assertThat(text(target, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("orders");
		assertThat(text(target, DeadLetterHeaders.SOURCE_CONSUMER_GROUP)).isEqualTo("billing");
		assertThat(text(target, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("2");
		assertThat(text(target, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("41");
		assertThat(text(target, DeadLetterHeaders.SOURCE_ATTEMPTS)).isEqualTo("4");
		assertThat(text(target, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo("tenant.orders");
		assertThat(text(target, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo("tenant.billing");
	}

	@Test
	void exceptionMessageAndStackTraceAreBoundedAndTheTraceDoesNotRepeatTheMessage() {
		Headers target = new RecordHeaders();
		this.headers.addExceptionHeaders(target,
				new IllegalStateException("payload " + "x".repeat(1000), new IllegalArgumentException("cause")), false);
		assertThat(target.lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE).value()).hasSize(64);
		assertThat(target.lastHeader(KafkaHeaders.DLT_EXCEPTION_STACKTRACE).value()).hasSizeLessThanOrEqualTo(512);
		assertThat(text(target, KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).startsWith("java.lang.IllegalStateException\n")
			.doesNotContain("payload");
		assertThat(text(target, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
			.isEqualTo(IllegalArgumentException.class.getName());
	}

	@Test
	void truncationNeverSplitsACharacter() {
		byte[] truncated = DeadLetterHeaders.truncate("é".repeat(100), 10);
		assertThat(new String(truncated, StandardCharsets.UTF_8)).isEqualTo("ééé...");
	}

	@Test
	void trimRemovesStackTracesAndShortensMessagesOnly() {
		Headers target = new RecordHeaders();
		target.add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
		this.headers.addExceptionHeaders(target, new IllegalStateException("m".repeat(60)), false);
		Headers trimmed = DeadLetterHeaders.trim(target);
		assertThat(trimmed.lastHeader(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).isNull();
		assertThat(text(trimmed, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("m".repeat(60));
		assertThat(text(trimmed, "trace-id")).isEqualTo("abc");
		assertThat(text(trimmed, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(IllegalStateException.class.getName());
	}

	@Test
	void withoutDeadLetterHeadersKeepsOnlyTheRecordsOwnHeaders() {
		Headers target = new RecordHeaders();
		target.add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
		this.headers.addSourceHeaders(target, new ConsumerRecord<>("orders", 0, 1, "key", "value"), "billing", 1);
		this.headers.addExceptionHeaders(target, new IllegalStateException("refused"), false);
		assertThat(DeadLetterHeaders.withoutDeadLetterHeaders(target)).extracting(Header::key)
			.containsExactly("trace-id");
	}

	private static String text(Headers headers, String name) {
		return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
