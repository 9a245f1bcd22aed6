package dev.karafka.spring.sample.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Appends one line per processed or failed record and per rebalance callback to a file,
 * so that a test that runs this application as a separate process can count records lost
 * and duplicated and rebalances, even after the process was killed.
 * <p>
 * Lines are {@code <epoch millis> <event> <consumer thread> <details>}, where the event
 * and details are {@code processed|failed <topic-partition> <offset>} or
 * {@code assigned|revoked|lost <generation> <topic-partition,...|->}; the generation is
 * the group's generation under the classic protocol and the member epoch under the
 * {@code consumer} protocol (KIP-848). Each line is one unbuffered append, so a line
 * written survives a {@code SIGKILL} of the process.
 */
class ProcessingRecorder implements RecordInterceptor<Object, Object>, ConsumerAwareRebalanceListener {

	private final Path file;

	ProcessingRecorder(Path file) {
		this.file = file;
	}

	@Override
	public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
			Consumer<Object, Object> consumer) {
		return record;
	}

	@Override
	public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
		append("processed", new TopicPartition(record.topic(), record.partition()) + " " + record.offset());
	}

	@Override
	public void failure(ConsumerRecord<Object, Object> record, Exception exception, Consumer<Object, Object> consumer) {
		append("failed", new TopicPartition(record.topic(), record.partition()) + " " + record.offset());
	}

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		appendRebalance("assigned", consumer, partitions);
	}

	@Override
	public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		appendRebalance("revoked", consumer, partitions);
	}

	@Override
	public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		appendRebalance("lost", consumer, partitions);
	}

	private void appendRebalance(String event, Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		String names = partitions.isEmpty() ? "-"
				: partitions.stream().map(TopicPartition::toString).collect(Collectors.joining(","));
		append(event, consumer.groupMetadata().generationId() + " " + names);
	}

	private synchronized void append(String event, String details) {
		String line = System.currentTimeMillis() + " " + event + " " + Thread.currentThread().getName() + " " + details
				+ "\n";
		try {
			Files.writeString(this.file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to record to " + this.file, ex);
		}
	}

}
