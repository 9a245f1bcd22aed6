package dev.karafka.spring.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.karafka.spring.reliability.Recording.Processing;
import dev.karafka.spring.reliability.Recording.Rebalance;

/**
 * What a disruption cost, counted from the records a {@link RecordStream} produced and
 * the {@link Recording} of the processes that consumed them.
 *
 * @param produced records the broker acknowledged
 * @param lost acknowledged records never processed
 * @param duplicated extra processings: a record processed three times counts two
 * @param rebalances group generations (KIP-848: member epochs) first assigned after the
 * disruption started
 * @param revoked partitions revoked from or lost by a consumer after the disruption
 * started, and later assigned to it again or to others of it: the churn of the consumers
 * that keep running, not the partitions a stopping consumer gives up
 * @param disruption how long the disruption lasted
 * @param recovery time from the end of the disruption (process restarted, broker back,
 * deploy done) until every acknowledged record was processed; zero when the consumers had
 * already caught up
 */
record Tally(int produced, int lost, int duplicated, int rebalances, int revoked, Duration disruption,
		Duration recovery) {

	/**
	 * Count what a disruption cost.
	 * @param produced the records the broker acknowledged
	 * @param recording the recording of every process that ran
	 * @param disruptionStart when the disruption started
	 * @param disruptionEnd when it ended
	 * @return the tally
	 */
	static Tally count(Collection<RecordId> produced, Recording recording, Instant disruptionStart,
			Instant disruptionEnd) {
		Map<RecordId, Integer> counts = recording.processedCounts();
		int lost = (int) produced.stream().filter((record) -> !counts.containsKey(record)).count();
		int duplicated = produced.stream().mapToInt((record) -> Math.max(0, counts.getOrDefault(record, 0) - 1)).sum();
		long start = disruptionStart.toEpochMilli();
		Set<Integer> generationsBefore = generations(recording, (rebalance) -> rebalance.time() < start);
		Set<Integer> generationsAfter = generations(recording, (rebalance) -> rebalance.time() >= start);
		generationsAfter.removeAll(generationsBefore);
		int revoked = recording.rebalances()
			.stream()
			.filter((rebalance) -> rebalance.time() >= start && !"assigned".equals(rebalance.event())
					&& isFollowedByAssignment(recording, rebalance))
			.mapToInt((rebalance) -> rebalance.partitions().size())
			.sum();
		return new Tally(produced.size(), lost, duplicated, generationsAfter.size(), revoked,
				Duration.between(disruptionStart, disruptionEnd), recovery(produced, recording, disruptionEnd));
	}

	private static boolean isFollowedByAssignment(Recording recording, Rebalance revocation) {
		List<Rebalance> rebalances = recording.rebalances();
		return rebalances.subList(rebalances.indexOf(revocation) + 1, rebalances.size())
			.stream()
			.anyMatch((rebalance) -> "assigned".equals(rebalance.event()) && rebalance.file().equals(revocation.file())
					&& rebalance.thread().equals(revocation.thread()));
	}

	private static Set<Integer> generations(Recording recording, Predicate<Rebalance> filter) {
		return recording.rebalances()
			.stream()
			.filter((rebalance) -> "assigned".equals(rebalance.event()) && filter.test(rebalance))
			.map(Rebalance::generation)
			.collect(Collectors.toSet());
	}

	private static Duration recovery(Collection<RecordId> produced, Recording recording, Instant disruptionEnd) {
		Map<RecordId, Long> firstProcessed = new HashMap<>();
		for (Processing processing : recording.processed()) {
			firstProcessed.merge(processing.record(), processing.time(), Math::min);
		}
		long caughtUp = produced.stream()
			.mapToLong((record) -> firstProcessed.getOrDefault(record, Long.MAX_VALUE))
			.max()
			.orElse(disruptionEnd.toEpochMilli());
		return Duration.ofMillis(Math.max(0, caughtUp - disruptionEnd.toEpochMilli()));
	}

}
