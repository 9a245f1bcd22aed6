package dev.karafka.spring.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Runs the benchmark: on an in-process broker, a one-partition topic of 100-byte records
 * is consumed from the start by each variant in its own JVM, the variants interleaved,
 * for several rounds; then the same application, listening to an empty topic, starts on
 * plain Spring Boot Kafka, on plain Spring Boot Kafka with the Prometheus registry the
 * starter brings, and on the starter, in rounds whose order changes from round to round,
 * until its first health answer. Prints the medians, and for start-up the spread of the
 * differences within the rounds, of wall-clock and of CPU time. Arguments: rounds,
 * records, warm-up records (consumed before measuring starts), start-up rounds (the
 * rounds, if not given). System properties: {@code bench.variants} (comma-separated
 * names, all by default) and {@code bench.jvm-options} (added to every run's JVM, e.g. a
 * profiler).
 *
 * @author karafka-spring
 */
public final class Benchmark {

	private static final List<String> VARIANTS = variants("bare", "plain record", "starter record", "plain batch",
			"starter batch");

	private static final List<String> STARTUP_VARIANTS = variants("plain startup", "plain+prometheus startup",
			"starter startup");

	private static final String STARTUP_TOPIC = "bench-startup";

	/**
	 * Below 6 values, even the range of all of them covers their median with less than
	 * 95% probability.
	 */
	private static final int MIN_ROUNDS_FOR_INTERVAL = 6;

	/** Class path entries of the starter, which plain runs leave out. */
	private static final List<String> STARTER = List.of("karafka-spring-boot-autoconfigure",
			"karafka-spring-boot-starter", "autoconfigure/target/classes", "starter/target/classes");

	/** Class path entries of the Prometheus registry the starter brings. */
	private static final String PROMETHEUS = "prometheus";

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

	private final String bootstrapServers;

	private final int records;

	private final int warmUp;

	private int runs;

	private Benchmark(String bootstrapServers, int records, int warmUp) {
		this.bootstrapServers = bootstrapServers;
		this.records = records;
		this.warmUp = warmUp;
	}

	public static void main(String[] args) throws Exception {
		int rounds = Integer.parseInt(args[0]);
		int records = Integer.parseInt(args[1]);
		int warmUp = Integer.parseInt(args[2]);
		int startupRounds = (args.length > 3) ? Integer.parseInt(args[3]) : rounds;
		List<String> unknown = requestedVariants().stream()
			.filter((variant) -> !VARIANTS.contains(variant) && !STARTUP_VARIANTS.contains(variant))
			.toList();
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("Unknown bench.variants " + unknown + "; the variants are bare, "
					+ "plain record, starter record, plain batch, starter batch, plain startup, "
					+ "plain+prometheus startup and starter startup");
		}
		String loadBefore = loadAverage();
		try (KafkaTestBroker broker = KafkaTestBroker.builder().listeners(Listener.PLAINTEXT).start()) {
			Benchmark benchmark = new Benchmark(broker.bootstrapServers(Listener.PLAINTEXT), records, warmUp);
			broker.createTopic("bench", 1);
			broker.createTopic(STARTUP_TOPIC, 1);
			benchmark.fill("bench");
			Map<String, List<Measurement>> results = new LinkedHashMap<>();
			for (int round = 1; round <= rounds; round++) {
				for (String variant : VARIANTS) {
					Measurement measurement = benchmark.consume(variant);
					System.out.printf("round %d %-15s %,12.0f records/s %8.0f B/record%n", round, variant,
							measurement.recordsPerSecond(), measurement.bytesPerRecord());
					results.computeIfAbsent(variant, (key) -> new ArrayList<>()).add(measurement);
				}
			}
			for (int round = 1; round <= startupRounds && !STARTUP_VARIANTS.isEmpty(); round++) {
				for (String variant : startupOrder(round)) {
					Measurement measurement = benchmark.startUp(variant);
					System.out.printf("start-up round %d %-24s %,8.0f ms%n", round, variant,
							measurement.startupMillis());
					results.computeIfAbsent(variant, (key) -> new ArrayList<>()).add(measurement);
				}
			}
			report(results, rounds, records, warmUp, loadBefore);
		}
	}

	private void fill(String topic) throws Exception {
		String value = "x".repeat(100);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers, ProducerConfig.LINGER_MS_CONFIG,
						"20", ProducerConfig.BATCH_SIZE_CONFIG, "262144"),
				new StringSerializer(), new StringSerializer())) {
			for (int i = 0; i < this.records; i++) {
				producer.send(new ProducerRecord<>(topic, value));
			}
			producer.flush();
		}
	}

	private Measurement consume(String variant) throws Exception {
		String group = "bench-" + (++this.runs);
		List<String> command = new ArrayList<>();
		if (variant.equals("bare")) {
			command.addAll(java(variant, BareConsumerLoop.class));
			command.addAll(List.of(this.bootstrapServers, "bench", group, String.valueOf(this.records),
					String.valueOf(this.warmUp)));
		}
		else {
			command.addAll(java(variant, ListenerApplication.class));
			command.addAll(applicationArguments(group, "bench"));
			command.add("--spring.main.web-application-type=none");
			command.add("--bench.records=" + this.records);
			command.add("--bench.warm-up=" + this.warmUp);
			command.add("--bench.listener=" + variant.substring(variant.indexOf(' ') + 1));
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			List<String> lines = new ArrayList<>();
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				if (Measurement.isLine(line)) {
					process.destroy();
					return Measurement.parse(line);
				}
				lines.add(line);
			}
			throw new IllegalStateException(variant + " ended without a result:\n" + String.join("\n", lines));
		}
		finally {
			process.destroy();
			process.waitFor(1, TimeUnit.MINUTES);
		}
	}

	/**
	 * The start-up variants in the order of the given round: over every six rounds, each
	 * order of three variants once, so that each starts as often before as after each
	 * other one.
	 */
	private static List<String> startupOrder(int round) {
		List<String> order = new ArrayList<>(STARTUP_VARIANTS);
		if ((round / order.size()) % 2 == 1) {
			Collections.reverse(order);
		}
		Collections.rotate(order, round);
		return order;
	}

	private Measurement startUp(String variant) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>(java(variant, ListenerApplication.class));
		command.addAll(applicationArguments("bench-startup-" + (++this.runs), STARTUP_TOPIC));
		command.add("--server.port=" + port);
		command.add("--bench.listener=record");
		Path log = Files.createTempFile("bench-startup", ".log");
		long start = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
				.timeout(Duration.ofSeconds(5))
				.build();
			while (process.isAlive()) {
				try {
					http.send(health, HttpResponse.BodyHandlers.discarding());
					double millis = (System.nanoTime() - start) / 1e6;
					return new Measurement(0, 0, millis, StartupCpu.of(process.pid()));
				}
				catch (IOException ex) {
					Thread.sleep(5);
				}
			}
			throw new IllegalStateException("The application stopped:\n" + Files.readString(log));
		}
		finally {
			process.destroy();
			process.waitFor(1, TimeUnit.MINUTES);
			Files.delete(log);
		}
	}

	private List<String> applicationArguments(String group, String topic) {
		return List.of("--spring.kafka.bootstrap-servers=" + this.bootstrapServers,
				"--spring.kafka.consumer.group-id=" + group, "--spring.kafka.consumer.auto-offset-reset=earliest",
				"--bench.topic=" + topic, "--spring.main.banner-mode=off", "--logging.level.root=WARN");
	}

	/**
	 * The command that runs the given class for the given variant: plain variants leave
	 * the starter out of the class path, and {@code plain} also the Prometheus registry.
	 */
	private static List<String> java(String variant, Class<?> main) {
		List<String> excluded = new ArrayList<>();
		if (variant.startsWith("plain")) {
			excluded.addAll(STARTER);
			if (!variant.startsWith("plain+prometheus")) {
				excluded.add(PROMETHEUS);
			}
		}
		String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> excluded.stream().noneMatch(entry::contains))
			.collect(Collectors.joining(File.pathSeparator));
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms512m", "-Xmx512m"));
		String options = System.getProperty("bench.jvm-options", "");
		if (!options.isBlank()) {
			command.addAll(Arrays.asList(options.trim().split("\\s+")));
		}
		command.addAll(List.of("-cp", classPath, main.getName()));
		return command;
	}

	private static List<String> variants(String... all) {
		List<String> only = requestedVariants();
		return Arrays.stream(all).filter((variant) -> only.isEmpty() || only.contains(variant)).toList();
	}

	private static List<String> requestedVariants() {
		String only = System.getProperty("bench.variants", "");
		return only.isBlank() ? List.of() : Arrays.stream(only.split(",")).map(String::trim).toList();
	}

	private static void report(Map<String, List<Measurement>> results, int rounds, int records, int warmUp,
			String loadBefore) {
		System.out.printf("%n%d cores; load average before: %s, after: %s%n",
				Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage());
		if (VARIANTS.stream().anyMatch(results::containsKey)) {
			reportThroughput(results, rounds, records, warmUp);
		}
		reportStartup(results);
	}

	private static void reportThroughput(Map<String, List<Measurement>> results, int rounds, int records, int warmUp) {
		double bare = median(results.getOrDefault("bare", List.of()), Measurement::recordsPerSecond);
		System.out.printf(
				"%nMedians of %d interleaved rounds, %,d records of 100 bytes (measured after %,d warm-up records), "
						+ "one partition%n",
				rounds, records, warmUp);
		System.out.printf("| %-15s | %12s | %8s | %10s | %12s |%n", "consumer", "records/s", "of bare", "B/record",
				"vs plain");
		System.out.println("|---|---|---|---|---|");
		for (String variant : VARIANTS) {
			double rate = median(results.getOrDefault(variant, List.of()), Measurement::recordsPerSecond);
			double bytes = median(results.getOrDefault(variant, List.of()), Measurement::bytesPerRecord);
			String plain = variant.replace("starter", "plain");
			String delta = variant.startsWith("starter") ? String.format("%+.0f B",
					bytes - median(results.getOrDefault(plain, List.of()), Measurement::bytesPerRecord)) : "";
			System.out.printf("| %-15s | %,12.0f | %8.2f | %10.0f | %12s |%n", variant, rate, rate / bare, bytes,
					delta);
		}
	}

	private static void reportStartup(Map<String, List<Measurement>> results) {
		System.out.println();
		for (String variant : STARTUP_VARIANTS) {
			List<Measurement> runs = results.getOrDefault(variant, List.of());
			System.out.printf("Start-up to the first health answer, %-26s %d runs, median %.0f ms%n", variant + ":",
					runs.size(), median(runs, Measurement::startupMillis));
		}
		List<Measurement> starter = results.getOrDefault("starter startup", List.of());
		reportStartupDifferences("plain", starter, results.getOrDefault("plain startup", List.of()));
		reportStartupDifferences("plain+prometheus", starter,
				results.getOrDefault("plain+prometheus startup", List.of()));
	}

	private static void reportStartupDifferences(String baseline, List<Measurement> starter, List<Measurement> plain) {
		if (Math.min(starter.size(), plain.size()) == 0) {
			return;
		}
		System.out.printf(
				"Starter minus %s within a round (median, 95%% confidence interval of the median, " + "quartiles):%n",
				baseline);
		reportDifferences("wall clock", starter, plain, Measurement::startupMillis);
		reportDifferences("CPU, main thread", starter, plain, (measurement) -> measurement.startupCpu().mainMillis());
		reportDifferences("CPU, JIT compilers", starter, plain,
				(measurement) -> measurement.startupCpu().compilerMillis());
		reportDifferences("CPU, whole JVM", starter, plain, (measurement) -> measurement.startupCpu().totalMillis());
	}

	private static void reportDifferences(String figure, List<Measurement> starter, List<Measurement> plain,
			ToDoubleFunction<Measurement> value) {
		double[] differences = new double[Math.min(starter.size(), plain.size())];
		for (int round = 0; round < differences.length; round++) {
			differences[round] = value.applyAsDouble(starter.get(round)) - value.applyAsDouble(plain.get(round));
		}
		Arrays.sort(differences);
		int low = medianConfidenceRank(differences.length);
		String interval = (differences.length < MIN_ROUNDS_FOR_INTERVAL) ? "no interval under 6 rounds"
				: String.format("[%+.0f, %+.0f] ms", differences[low], differences[differences.length - 1 - low]);
		System.out.printf("  %-20s %+6.0f ms  %s  %+.0f / %+.0f ms%n", figure, median(differences), interval,
				differences[differences.length / 4], differences[(3 * differences.length) / 4]);
	}

	/**
	 * The 0-based rank of the lower bound of a distribution-free 95% confidence interval
	 * of a median of {@code n} sorted values (the binomial order-statistic interval, by
	 * its normal approximation); the upper bound has rank {@code n - 1 - rank}.
	 */
	private static int medianConfidenceRank(int n) {
		return Math.max(0, (int) Math.ceil(n / 2.0 - 0.98 * Math.sqrt(n)) - 1);
	}

	private static double median(List<Measurement> measurements, ToDoubleFunction<Measurement> figure) {
		return median(measurements.stream().mapToDouble(figure).sorted().toArray());
	}

	private static double median(double[] sorted) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
