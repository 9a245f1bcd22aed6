package dev.karafka.spring.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Tally}, counting from recordings written as the sample app writes
 * them.
 */
class TallyTests {

	private static final Instant START = Instant.ofEpochMilli(10_000);

	private static final Instant END = Instant.ofEpochMilli(20_000);

	private static final List<RecordId> PRODUCED = List.of(new RecordId("users_events-0", 0),
			new RecordId("users_events-0", 1), new RecordId("users_events-1", 0), new RecordId("users_events-1", 1));

	@TempDir
	Path directory;

	@Test
	void recordNeverProcessedIsLostAndRecordProcessedThriceCountsTwoDuplicates() throws IOException {
		Path first = recording("first", "1000 processed t-0 users_events-0 0", "1001 processed t-0 users_events-0 1",
				"1002 processed t-1 users_events-1 0");
		Path second = recording("second", "21000 processed t-0 users_events-0 1",
				"21001 processed t-0 users_events-0 1");
		Tally tally = Tally.count(PRODUCED, Recording.read(List.of(first, second)), START, END);
		assertThat(tally.produced()).isEqualTo(4);
		assertThat(tally.lost()).isEqualTo(1);
		assertThat(tally.duplicated()).isEqualTo(2);
	}

	@Test
	void failedDeliveryIsNotProcessing() throws IOException {
		Path file = recording("app", "1000 processed t-0 users_events-0 0", "1001 processed t-0 users_events-0 1",
				"1002 failed t-1 users_events-1 0", "1003 processed t-1 users_events-1 1");
		Tally tally = Tally.count(PRODUCED, Recording.read(List.of(file)), START, END);
		assertThat(tally.lost()).isEqualTo(1);
		assertThat(tally.duplicated()).isZero();
	}

	@Test
	void rebalancesCountGenerationsFirstAssignedAfterTheDisruptionStarted() throws IOException {
		Path running = recording("running", "1000 assigned t-0 1 users_events-0,users_events-1",
				"11000 revoked t-0 1 users_events-0,users_events-1", "11001 assigned t-0 2 users_events-0",
				"12000 revoked t-0 2 users_events-0", "12001 assigned t-0 3 users_events-0,users_events-1");
		Path restarted = recording("restarted", "11002 assigned t-0 2 users_events-1", "12002 assigned t-0 3 -");
		Tally tally = Tally.count(List.of(), Recording.read(List.of(running, restarted)), START, END);
		assertThat(tally.rebalances()).isEqualTo(2);
		assertThat(tally.revoked()).isEqualTo(3);
	}

	@Test
	void generationKeptByStaticMemberIsNoRebalance() throws IOException {
		Path before = recording("before", "1000 assigned t-0 5 users_events-0", "11000 revoked t-0 5 users_events-0");
		Path after = recording("after", "15000 assigned t-0 5 users_events-0");
		Tally tally = Tally.count(List.of(), Recording.read(List.of(before, after)), START, END);
		assertThat(tally.rebalances()).isZero();
		assertThat(tally.revoked()).as("partitions given up by a stopping consumer").isZero();
	}

	@Test
	void recoveryRunsFromTheEndOfTheDisruptionToTheLastFirstProcessing() throws IOException {
		Path file = recording("app", "1000 processed t-0 users_events-0 0", "23000 processed t-0 users_events-0 1",
				"24500 processed t-1 users_events-1 0", "25000 processed t-1 users_events-1 1",
				"30000 processed t-1 users_events-1 1");
		Tally tally = Tally.count(PRODUCED, Recording.read(List.of(file)), START, END);
		assertThat(tally.disruption()).isEqualTo(Duration.ofSeconds(10));
		assertThat(tally.recovery()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void lineStillBeingWrittenIsIgnored() throws IOException {
		Path file = this.directory.resolve("partial.recording");
		Files.writeString(file, "1000 processed t-0 users_events-0 0\n1001 processed t-0 users_events-0 1");
		assertThat(Recording.read(List.of(file)).processed()).extracting(Recording.Processing::record)
			.containsExactly(new RecordId("users_events-0", 0));
	}

	private Path recording(String name, String... lines) throws IOException {
		return Files.write(this.directory.resolve(name + ".recording"), List.of(lines));
	}

}
