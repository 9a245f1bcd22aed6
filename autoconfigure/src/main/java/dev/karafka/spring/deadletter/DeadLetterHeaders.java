package dev.karafka.spring.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import dev.karafka.spring.naming.NamePrefix;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.util.Assert;

/**
 * The diagnostic headers of a dead-lettered record: one value each, whatever the number
 * of hops. Karafka's {@code source_*} headers (text, the logical topic and group names as
 * the application writes them) and every {@code kafka_dlt-*} header that spring-kafka's
 * {@code DeadLetterPublishingRecoverer} writes (its binary encodings, the names the
 * broker sees), with the exception message and stack trace bounded in bytes.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public final class DeadLetterHeaders {

	/**
	 * Karafka's header of the topic the record came from, as the application names it.
	 */
	public static final String SOURCE_TOPIC = "source_topic";

	/**
	 * Karafka's header of the partition the record came from, as text.
	 */
	public static final String SOURCE_PARTITION = "source_partition";

	/**
	 * Karafka's header of the offset of the record in its source partition, as text.
	 */
	public static final String SOURCE_OFFSET = "source_offset";

	/**
	 * Karafka's header of the consumer group that failed the record, as the application
	 * names it.
	 */
	public static final String SOURCE_CONSUMER_GROUP = "source_consumer_group";

	/**
	 * Karafka's header of the number of times the listener failed the record, as text.
	 */
	public static final String SOURCE_ATTEMPTS = "source_attempts";

	/**
	 * Every header this class writes, and the key-exception headers of spring-kafka.
	 */
	public static final List<String> NAMES = List.of(SOURCE_TOPIC, SOURCE_PARTITION, SOURCE_OFFSET,
			SOURCE_CONSUMER_GROUP, SOURCE_ATTEMPTS, KafkaHeaders.DLT_ORIGINAL_TOPIC,
			KafkaHeaders.DLT_ORIGINAL_PARTITION, KafkaHeaders.DLT_ORIGINAL_OFFSET, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP,
			KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP,
			KafkaHeaders.DLT_EXCEPTION_FQCN, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN, KafkaHeaders.DLT_EXCEPTION_MESSAGE,
			KafkaHeaders.DLT_EXCEPTION_STACKTRACE, KafkaHeaders.DLT_KEY_EXCEPTION_FQCN,
			KafkaHeaders.DLT_KEY_EXCEPTION_MESSAGE, KafkaHeaders.DLT_KEY_EXCEPTION_STACKTRACE);

	static final int TRIMMED_MESSAGE_LIMIT = 256;

	private static final byte[] ELLIPSIS = "...".getBytes(StandardCharsets.UTF_8);

	private static final int MAX_CAUSES = 10;

	private final NamePrefix prefix;

	private final int messageLimit;

	private final int stackTraceLimit;

	/**
	 * Create a new instance.
	 * @param prefix the prefix of the names the broker sees
	 * @param messageLimit the most bytes of the exception message header
	 * @param stackTraceLimit the most bytes of the stack trace header
	 */
	public DeadLetterHeaders(NamePrefix prefix, int messageLimit, int stackTraceLimit) {
		Assert.isTrue(messageLimit > ELLIPSIS.length, "'messageLimit' must be more than 3 bytes");
		Assert.isTrue(stackTraceLimit > ELLIPSIS.length, "'stackTraceLimit' must be more than 3 bytes");
		this.prefix = prefix;
		this.messageLimit = messageLimit;
		this.stackTraceLimit = stackTraceLimit;
	}

	/**
	 * Return a copy of the given headers without any dead-letter header: the record's own
	 * headers, as they were before its first dead-letter hop.
	 * @param headers the headers of a record
	 * @return the headers without dead-letter headers
	 */
	public static Headers withoutDeadLetterHeaders(Headers headers) {
		RecordHeaders copy = new RecordHeaders();
		for (Header header : headers) {
			if (!NAMES.contains(header.key())) {
				copy.add(header);
			}
		}
		return copy;
	}

	NamePrefix prefix() {
		return this.prefix;
	}

	void addSourceHeaders(Headers headers, ConsumerRecord<?, ?> record, @Nullable String groupId, int attempts) {
		addText(headers, SOURCE_TOPIC, this.prefix.logicalTopic(record));
		addText(headers, SOURCE_PARTITION, String.valueOf(record.partition()));
		addText(headers, SOURCE_OFFSET, String.valueOf(record.offset()));
		if (groupId != null) {
			addText(headers, SOURCE_CONSUMER_GROUP, this.prefix.logicalName(groupId));
		}
		addText(headers, SOURCE_ATTEMPTS, String.valueOf(attempts));
		addText(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC, record.topic());
		headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION,
				ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array());
		headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array());
		headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP,
				ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array());
		addText(headers, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE, record.timestampType().toString());
		if (groupId != null) {
			addText(headers, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, groupId);
		}
	}

	void addExceptionHeaders(Headers headers, Throwable exception, boolean key) {
		Throwable cause = rootCause(exception);
		addText(headers, key ? KafkaHeaders.DLT_KEY_EXCEPTION_FQCN : KafkaHeaders.DLT_EXCEPTION_FQCN,
				exception.getClass().getName());
		if (!key) {
			addText(headers, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN, cause.getClass().getName());
		}
		String message = message(exception, cause);
		if (message != null) {
			headers.add(key ? KafkaHeaders.DLT_KEY_EXCEPTION_MESSAGE : KafkaHeaders.DLT_EXCEPTION_MESSAGE,
					truncate(message, this.messageLimit));
		}
		headers.add(key ? KafkaHeaders.DLT_KEY_EXCEPTION_STACKTRACE : KafkaHeaders.DLT_EXCEPTION_STACKTRACE,
				truncate(stackTrace(exception), this.stackTraceLimit));
	}

	/**
	 * Return a copy of the given headers with the stack traces removed and the exception
	 * messages cut short, for a record too large for its dead-letter topic.
	 * @param headers the headers of a dead-letter record
	 * @return the trimmed headers
	 */
	static Headers trim(Headers headers) {
		RecordHeaders trimmed = new RecordHeaders();
		for (Header header : headers) {
			String name = header.key();
			if (name.equals(KafkaHeaders.DLT_EXCEPTION_MESSAGE)
					|| name.equals(KafkaHeaders.DLT_KEY_EXCEPTION_MESSAGE)) {
				trimmed.add(name, truncate(new String(header.value(), StandardCharsets.UTF_8), TRIMMED_MESSAGE_LIMIT));
			}
			else if (!name.equals(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)
					&& !name.equals(KafkaHeaders.DLT_KEY_EXCEPTION_STACKTRACE)) {
				trimmed.add(header);
			}
		}
		return trimmed;
	}

	static Throwable rootCause(Throwable exception) {
		Throwable cause = exception;
		for (int depth = 0; cause.getCause() != null && cause.getCause() != cause && depth < MAX_CAUSES; depth++) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static @Nullable String message(Throwable exception, Throwable cause) {
		String message = exception.getMessage();
		if (cause == exception || cause.getMessage() == null) {
			return message;
		}
		return (message != null) ? message + "; " + cause.getMessage() : cause.getMessage();
	}

	private static String stackTrace(Throwable exception) {
		StringBuilder trace = new StringBuilder();
		Throwable current = exception;
		for (int depth = 0; current != null && depth < MAX_CAUSES; depth++) {
			trace.append((depth > 0) ? "Caused by: " : "").append(current.getClass().getName()).append('\n');
			for (StackTraceElement frame : current.getStackTrace()) {
				trace.append("\tat ").append(frame).append('\n');
			}
			current = (current.getCause() != current) ? current.getCause() : null;
		}
		return trace.toString();
	}

	static byte[] truncate(String text, int limit) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		if (bytes.length <= limit) {
			return bytes;
		}
		int end = limit - ELLIPSIS.length;
		while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
			end--;
		}
		byte[] truncated = Arrays.copyOf(bytes, end + ELLIPSIS.length);
		System.arraycopy(ELLIPSIS, 0, truncated, end, ELLIPSIS.length);
		return truncated;
	}

	private static void addText(Headers headers, String name, String value) {
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

}
