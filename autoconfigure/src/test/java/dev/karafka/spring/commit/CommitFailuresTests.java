package dev.karafka.spring.commit;

import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RetriableCommitFailedException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CommitFailures}.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class CommitFailuresTests {

	private static final Map<TopicPartition, OffsetAndMetadata> OFFSETS = Map.of(new TopicPartition("orders", 0),
			new OffsetAndMetadata(42));

	private final CommitFailures failures = new CommitFailures();

	@Test
	void eachCauseIsLoggedOnceAndEveryFailureCounted(CapturedOutput output) {
		for (int i = 0; i < 5; i++) {
			this.failures.failed(new RetriableCommitFailedException("coordinator moved"), OFFSETS);
		}
		this.failures.failed(new RebalanceInProgressException("rebalancing"), OFFSETS);
		assertThat(this.failures.count()).isEqualTo(6);
		assertThat(output.getOut().split("coordinator moved", -1)).hasSize(2);
		assertThat(output.getOut().split("rebalancing", -1)).hasSize(2);
		assertThat(output).contains("orders-0=OffsetAndMetadata{offset=42");
	}

	@Test
	void causeIsLoggedAgainAfterCommitsSucceeded(CapturedOutput output) {
		this.failures.failed(new RetriableCommitFailedException("coordinator moved"), OFFSETS);
		this.failures.succeeded();
		this.failures.failed(new RetriableCommitFailedException("coordinator moved"), OFFSETS);
		assertThat(output.getOut().split("coordinator moved", -1)).hasSize(3);
		assertThat(output).contains("Offset commits succeed again, after 1 failures in all");
	}

}
