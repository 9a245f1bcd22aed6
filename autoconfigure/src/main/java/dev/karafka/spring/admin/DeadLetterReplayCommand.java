package dev.karafka.spring.admin;

import java.io.PrintStream;
import java.util.OptionalInt;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.Ordered;
import org.springframework.util.Assert;

/**
 * Copies the records of a dead-letter topic partition back to where they came from with
 * {@link KarafkaAdmin#replayDeadLetters(String, int, long, long, String)}, prints how
 * many, and gives the exit code: {@code 0} when every record was copied, {@link #FAILED}
 * otherwise (nothing is copied when a record names no source). Before reading, it checks
 * with an admin client, which creates no topic, that the dead-letter topic, its partition
 * and the topic to copy to exist, and names the {@code karafka.dead-letter-replay.*}
 * setting at fault when one does not. Karafka's counterpart is copying records with
 * {@code Karafka::Admin} by hand; names are the application's.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class DeadLetterReplayCommand implements ApplicationRunner, ExitCodeGenerator, Ordered {

	/**
	 * Exit code when the replay failed.
	 */
	public static final int FAILED = 1;

	private static final String TOPIC_SETTING = "karafka.dead-letter-replay.topic";

	private static final String PARTITION_SETTING = "karafka.dead-letter-replay.partition";

	private static final String TO_TOPIC_SETTING = "karafka.dead-letter-replay.to-topic";

	private final KarafkaAdmin admin;

	private final String deadLetterTopic;

	private final int partition;

	private final long startOffset;

	private final long endOffset;

	private final @Nullable String toTopic;

	private final PrintStream out;

	private int exitCode;

	/**
	 * Create a new instance.
	 * @param admin the admin operations
	 * @param deadLetterTopic the dead-letter topic, as the application names it
	 * @param partition the partition of the dead-letter topic
	 * @param startOffset the first offset to copy
	 * @param endOffset the offset after the last one to copy
	 * @param toTopic the topic to copy to, or {@code null} for each record's source
	 * @param out where to print
	 */
	public DeadLetterReplayCommand(KarafkaAdmin admin, String deadLetterTopic, int partition, long startOffset,
			long endOffset, @Nullable String toTopic, PrintStream out) {
		Assert.notNull(admin, "'admin' must not be null");
		Assert.hasText(deadLetterTopic, "'deadLetterTopic' must not be empty");
		Assert.notNull(out, "'out' must not be null");
		this.admin = admin;
		this.deadLetterTopic = deadLetterTopic;
		this.partition = partition;
		this.startOffset = startOffset;
		this.endOffset = endOffset;
		this.toTopic = toTopic;
		this.out = out;
	}

	/**
	 * Run first, before the application's own runners.
	 * @return {@link Ordered#HIGHEST_PRECEDENCE}
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void run(ApplicationArguments args) {
		String source = this.deadLetterTopic + "-" + this.partition + " [" + this.startOffset + ", "
				+ ((this.endOffset != Long.MAX_VALUE) ? this.endOffset : "end") + ")";
		String destination = (this.toTopic != null) ? "topic '" + this.toTopic + "'"
				: "the topics and partitions they came from";
		try {
			String refusal = refusal();
			if (refusal != null) {
				this.out.println("Replay of " + source + " refused: " + refusal + "; nothing was copied");
				this.exitCode = FAILED;
				this.out.flush();
				return;
			}
			int copied = this.admin.replayDeadLetters(this.deadLetterTopic, this.partition, this.startOffset,
					this.endOffset, this.toTopic);
			this.out.println("Copied " + copied + " record(s) of " + source + " to " + destination);
		}
		catch (RuntimeException ex) {
			this.out.println("Replay of " + source + " failed: " + ex.getMessage()
					+ ((ex.getCause() != null) ? " (" + ex.getCause().getClass().getSimpleName() + ")" : ""));
			this.exitCode = FAILED;
		}
		this.out.flush();
	}

	private @Nullable String refusal() {
		OptionalInt partitions = partitionCount(this.deadLetterTopic, TOPIC_SETTING);
		if (partitions.isEmpty()) {
			return "topic '" + this.deadLetterTopic + "' of " + TOPIC_SETTING + " does not exist (it was not created)";
		}
		if (this.partition >= partitions.getAsInt()) {
			return "topic '" + this.deadLetterTopic + "' has " + partitions.getAsInt() + " partition(s), so "
					+ PARTITION_SETTING + " " + this.partition + " does not exist (partitions are 0 to "
					+ (partitions.getAsInt() - 1) + ")";
		}
		if (this.toTopic != null && partitionCount(this.toTopic, TO_TOPIC_SETTING).isEmpty()) {
			return "topic '" + this.toTopic + "' of " + TO_TOPIC_SETTING + " does not exist (it was not created)";
		}
		return null;
	}

	private OptionalInt partitionCount(String topic, String setting) {
		try {
			return this.admin.partitionCount(topic);
		}
		catch (RuntimeException ex) {
			if (ex.getCause() instanceof TimeoutException
					|| ex.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
				throw new IllegalStateException("no broker answered (the cluster is unreachable, or the "
						+ "application's development broker is not running; --karafka.cluster-info tells which): "
						+ ex.getMessage(), ex);
			}
			String cause = (ex.getCause() != null) ? ex.getCause().getMessage() : null;
			throw new IllegalStateException("topic '" + topic + "' of " + setting + " cannot be described: "
					+ ex.getMessage() + ((cause != null) ? ": " + cause : ""), ex);
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
