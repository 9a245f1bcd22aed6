package dev.karafka.spring.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the sample app processes wrote to their recording files
 * ({@code sample.recording.file}): records processed or failed, and rebalance callbacks,
 * in the order each process wrote them.
 */
final class Recording {

	private final List<Processing> processed = new ArrayList<>();

	private final List<Processing> failed = new ArrayList<>();

	private final List<Rebalance> rebalances = new ArrayList<>();

	private Recording() {
	}

	/**
	 * Read the given recording files; a file not yet written counts as empty.
	 * @param files the files
	 * @return the recording
	 */
	static Recording read(Collection<Path> files) {
		Recording recording = new Recording();
		files.forEach(recording::readFile);
		return recording;
	}

	/**
	 * Return the records processed successfully, each as often as it was processed.
	 * @return the processed records in the order of their files
	 */
	List<Processing> processed() {
		return this.processed;
	}

	/**
	 * Return the failed deliveries of records to the listener.
	 * @return the failed deliveries
	 */
	List<Processing> failed() {
		return this.failed;
	}

	/**
	 * Return the rebalance callbacks.
	 * @return the callbacks
	 */
	List<Rebalance> rebalances() {
		return this.rebalances;
	}

	/**
	 * Return how many times each record was processed.
	 * @return the count by record
	 */
	Map<RecordId, Integer> processedCounts() {
		Map<RecordId, Integer> counts = new HashMap<>();
		this.processed.forEach((processing) -> counts.merge(processing.record(), 1, Integer::sum));
		return counts;
	}

	/**
	 * Return whether each of the given records was processed at least once.
	 * @param records the records
	 * @return whether all were processed
	 */
	boolean processedAll(Collection<RecordId> records) {
		return processedCounts().keySet().containsAll(records);
	}

	/**
	 * Return the partitions each consumer thread of the given files owns after replaying
	 * its assigned, revoked and lost callbacks.
	 * @param files the recording files of the processes that run
	 * @return the partitions by file and consumer thread
	 */
	Map<Path, Map<String, Set<String>>> assignments(Collection<Path> files) {
		Map<Path, Map<String, Set<String>>> assignments = new HashMap<>();
		for (Rebalance rebalance : this.rebalances) {
			if (files.contains(rebalance.file())) {
				Set<String> owned = assignments.computeIfAbsent(rebalance.file(), (file) -> new HashMap<>())
					.computeIfAbsent(rebalance.thread(), (thread) -> new HashSet<>());
				if ("assigned".equals(rebalance.event())) {
					owned.addAll(rebalance.partitions());
				}
				else {
					owned.removeAll(rebalance.partitions());
				}
			}
		}
		return assignments;
	}

	private void readFile(Path file) {
		if (!Files.exists(file)) {
			return;
		}
		try {
			String content = Files.readString(file);
			String complete = content.substring(0, content.lastIndexOf('\n') + 1);
			complete.lines().forEach((line) -> readLine(file, line));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to read " + file, ex);
		}
	}

	private void readLine(Path file, String line) {
		String[] fields = line.split(" ");
		if (fields.length != 5) {
			return;
		}
		long time = Long.parseLong(fields[0]);
		switch (fields[1]) {
			case "processed" ->
				this.processed.add(new Processing(time, file, new RecordId(fields[3], Long.parseLong(fields[4]))));
			case "failed" ->
				this.failed.add(new Processing(time, file, new RecordId(fields[3], Long.parseLong(fields[4]))));
			default -> this.rebalances.add(new Rebalance(time, file, fields[2], fields[1], Integer.parseInt(fields[3]),
					"-".equals(fields[4]) ? List.of() : Arrays.asList(fields[4].split(","))));
		}
	}

	/**
	 * One delivery of a record to the listener.
	 *
	 * @param time when the listener returned or threw, epoch millis
	 * @param file the recording file of the process
	 * @param record the record
	 */
	record Processing(long time, Path file, RecordId record) {

	}

	/**
	 * One rebalance callback of a consumer thread.
	 *
	 * @param time when the callback ran, epoch millis
	 * @param file the recording file of the process
	 * @param thread the consumer thread
	 * @param event {@code assigned}, {@code revoked} or {@code lost}
	 * @param generation the group generation (KIP-848: the member epoch)
	 * @param partitions the partitions of the callback
	 */
	record Rebalance(long time, Path file, String thread, String event, int generation, List<String> partitions) {

	}

}
