package dev.karafka.spring.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

import static org.awaitility.Awaitility.await;

/**
 * One reliability scenario: a real broker in this JVM on a fixed port and data directory
 * (so that it can be stopped and started again, same port, same data), the sample app's
 * processes, the record stream and the liveness watch. {@link #close()} stops everything
 * the scenario started, whether it passed or failed.
 */
final class Scenario implements AutoCloseable {

	static final String TOPIC = "users_events";

	static final String GROUP = "users-service";

	static final Duration START_TIMEOUT = Duration.ofMinutes(2);

	static final Duration CONSUME_TIMEOUT = Duration.ofMinutes(3);

	private static final Path RESULTS = Path
		.of(System.getProperty("reliability.results-directory", "target/reliability"));

	private final String id;

	private final Path directory;

	private final int brokerPort = SampleAppProcess.freePort();

	private final int partitions;

	private KafkaTestBroker broker;

	private final List<SampleAppProcess> processes = new ArrayList<>();

	private final Map<String, Integer> runs = new HashMap<>();

	private final List<RecordStream> streams = new ArrayList<>();

	private final LivenessWatch liveness = new LivenessWatch();

	private Scenario(String id, int partitions) {
		this.id = id;
		this.partitions = partitions;
		this.directory = RESULTS.resolve(id);
		recreateDirectory(this.directory);
		startBroker();
		this.broker.createTopic(TOPIC, partitions);
	}

	/**
	 * Start a broker for a new scenario, with the sample app's topic.
	 * @param id the scenario's id, naming its directory under {@code target/reliability}
	 * @param partitions the partitions of {@value #TOPIC}
	 * @return the scenario
	 */
	static Scenario start(String id, int partitions) {
		return new Scenario(id, partitions);
	}

	String bootstrapServers() {
		return "localhost:" + this.brokerPort;
	}

	/**
	 * Start one more run of the given instance of the sample app, connected to the
	 * broker.
	 * @param instance the instance, for example {@code app-1}
	 * @param properties further application properties, {@code key=value}
	 * @return the started process
	 */
	SampleAppProcess start(String instance, List<String> properties) {
		int run = this.runs.merge(instance, 1, Integer::sum);
		List<String> all = new ArrayList<>();
		all.add("karafka.bootstrap-servers=" + bootstrapServers());
		all.addAll(properties);
		SampleAppProcess process = SampleAppProcess.start(sampleAppJar(), instance + ".run-" + run, this.directory,
				all);
		this.processes.add(process);
		this.liveness.watch(process);
		return process;
	}

	void terminate(SampleAppProcess process) {
		this.liveness.unwatch(process);
		process.terminate();
	}

	/**
	 * Send {@code SIGTERM} to all the given processes at once, then wait for them to
	 * exit.
	 * @param processes the processes
	 */
	void terminateAll(List<SampleAppProcess> processes) {
		processes.forEach(this.liveness::unwatch);
		processes.forEach(SampleAppProcess::sendSigterm);
		processes.forEach(SampleAppProcess::awaitExit);
	}

	void kill(SampleAppProcess process) {
		this.liveness.unwatch(process);
		process.kill();
	}

	RecordStream stream(int recordsPerSecond) {
		RecordStream stream = RecordStream.start(bootstrapServers(), TOPIC, recordsPerSecond);
		this.streams.add(stream);
		return stream;
	}

	/**
	 * Stop the broker, keeping its data.
	 */
	void stopBroker() {
		this.broker.close();
	}

	/**
	 * Start the broker on the scenario's port and data directory.
	 */
	void startBroker() {
		this.broker = KafkaTestBroker.builder()
			.listeners(Listener.PLAINTEXT)
			.port(Listener.PLAINTEXT, this.brokerPort)
			.dataDirectory(this.directory.resolve("broker"))
			.start();
	}

	/**
	 * Return the offsets the group committed, by topic-partition.
	 * @return the committed offsets
	 */
	Map<String, Long> committedOffsets() {
		try (Admin admin = this.broker.createAdmin()) {
			Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
				.partitionsToOffsetAndMetadata()
				.get();
			return offsets.entrySet()
				.stream()
				.collect(Collectors.toMap((entry) -> entry.getKey().toString(), (entry) -> entry.getValue().offset()));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Failed to read the offsets of " + GROUP, ex);
		}
	}

	/**
	 * Return what every process of the scenario recorded so far.
	 * @return the recording
	 */
	Recording recording() {
		return Recording.read(this.processes.stream().map(SampleAppProcess::recordingFile).toList());
	}

	void awaitProcessed(Collection<RecordId> records) {
		await().atMost(CONSUME_TIMEOUT)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> recording().processedAll(records));
	}

	void awaitProcessedCount(int count) {
		await().atMost(CONSUME_TIMEOUT)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> recording().processed().size() >= count);
	}

	/**
	 * Wait until every partition of the topic is owned by exactly one consumer thread of
	 * the running processes and each running process owns one.
	 */
	void awaitStableAssignment() {
		Set<String> all = IntStream.range(0, this.partitions)
			.mapToObj((partition) -> TOPIC + "-" + partition)
			.collect(Collectors.toSet());
		await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
			List<SampleAppProcess> running = running();
			List<Path> files = running.stream().map(SampleAppProcess::recordingFile).toList();
			Map<Path, Map<String, Set<String>>> assignments = recording().assignments(files);
			List<String> owned = assignments.values()
				.stream()
				.flatMap((threads) -> threads.values().stream())
				.flatMap(Set::stream)
				.toList();
			long owners = assignments.values()
				.stream()
				.filter((threads) -> threads.values().stream().anyMatch((partitions) -> !partitions.isEmpty()))
				.count();
			return owned.size() == all.size() && new HashSet<>(owned).equals(all) && owners == running.size();
		});
	}

	List<SampleAppProcess> running() {
		return this.processes.stream().filter(SampleAppProcess::isAlive).toList();
	}

	List<String> livenessFailures() {
		return this.liveness.failures();
	}

	/**
	 * Add the scenario's row to the results table.
	 * @param scenario what the row shows
	 * @param tally what the scenario counted
	 */
	void report(String scenario, Tally tally) {
		ResultsTable.add(RESULTS, this.id, scenario, tally);
	}

	@Override
	public void close() {
		this.liveness.close();
		this.streams.forEach(RecordStream::close);
		this.processes.forEach(SampleAppProcess::destroy);
		if (this.broker != null) {
			this.broker.close();
		}
	}

	private static Path sampleAppJar() {
		String jar = System.getProperty("reliability.sample-app-jar");
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("No sample app jar at '" + jar
					+ "' (system property reliability.sample-app-jar): build the sample-app module first");
		}
		return Path.of(jar);
	}

	private static void recreateDirectory(Path directory) {
		try {
			Utils.delete(directory.toFile());
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to prepare " + directory, ex);
		}
	}

}
