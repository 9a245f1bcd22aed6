package dev.karafka.spring.probe;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.karafka.spring.probe.WorkerProcess.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer-only application, run as a child JVM without any web jar, against a real
 * broker: its probes answer over real HTTP on the port a web application would use.
 * Liveness has a two-second consuming TTL.
 *
 * @author karafka-spring
 */
class ProbeServerWorkerIntegrationTests {

	private static final String LIVENESS = "/actuator/health/liveness";

	private static final String READINESS = "/actuator/health/readiness";

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final KafkaTestBroker broker = KafkaTestBroker.shared();

	private final List<WorkerProcess> workers = new ArrayList<>();

	@TempDir
	private Path directory;

	@AfterEach
	void stopWorkers() throws InterruptedException {
		for (WorkerProcess worker : this.workers) {
			worker.close();
		}
	}

	@Test
	void classPathOfTheWorkerHasNoWebJar() {
		assertThat(WorkerProcess.classPathWithoutWebJars()).isNotEmpty()
			.noneMatch((entry) -> entry.contains("tomcat") || entry.contains("webmvc") || entry.contains("servlet"))
			.anyMatch((entry) -> entry.contains("spring-kafka"));
	}

	@Test
	void workerAnswersProbesOnServerPortAndLivenessFailsWhenItsListenerHangs() throws Exception {
		String topic = "probe-worker-hang";
		WorkerProcess worker = startLive(topic, "--management.endpoints.web.exposure.include=health,prometheus");
		int port = worker.awaitProbeServerPort("server.port");
		await().atMost(WAIT).until(() -> get(port, READINESS).statusCode() == 200);
		HttpResponse<String> liveness = get(port, LIVENESS);
		assertThat(liveness.headers().firstValue("Content-Type"))
			.hasValue("application/vnd.spring-boot.actuator.v3+json");
		assertThat(liveness.body()).endsWith(",\"status\":\"UP\"}").contains("\"karafka\":{", "\"livenessState\":{");
		assertThat(get(port, READINESS).body())
			.containsPattern("\"kafka\":\\{\"details\":\\{\"clusterId\":\"[^\"]+\",\"nodes\":1},\"status\":\"UP\"}");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(get(port, "/actuator/prometheus").body())
				.contains("karafka_liveness_status 1.0")
				.containsPattern("karafka_consumer_poll_age_seconds\\{listener_id=\"worker\",thread=\"[^\"]+\"} "));
		send(topic, WorkerApplication.HANG);
		await().atMost(WAIT).until(() -> get(port, LIVENESS).statusCode() == 503);
		assertThat(get(port, LIVENESS).body()).contains("\"status\":\"DOWN\"",
				"\"status\":\"consumption_ttl_exceeded\"", "\"listenerId\":\"worker\"");
		assertThat(get(port, "/actuator/health").statusCode()).isEqualTo(503);
		assertThat(get(port, READINESS).statusCode()).isEqualTo(200);
		assertThat(get(port, "/actuator/prometheus").body()).contains("karafka_liveness_status 0.0");
		assertThat(get(port, "/actuator/health/nope").statusCode()).isEqualTo(404);
		assertThat(get(port, "/actuator/env").statusCode()).isEqualTo(404);
	}

	@Test
	void supervisedWorkerKeepsRunningThroughARestartOfItsListener() throws Exception {
		String topic = "probe-worker-supervised";
		WorkerProcess worker = startLive(topic, "--karafka.supervision.enabled=true",
				"--karafka.supervision.interval=500ms", "--karafka.supervision.controlling-ttl=10s");
		int port = worker.awaitProbeServerPort("server.port");
		send(topic, WorkerApplication.HANG);
		await().atMost(WAIT).until(() -> worker.output().contains("Restarting listener container 'worker'"));
		send(topic, "after-restart");
		await().atMost(WAIT)
			.until(() -> worker.output().contains("Worker consumed after-restart") || !worker.isAlive());
		assertThat(worker.isAlive()).as("the worker process is alive").isTrue();
		assertThat(worker.output()).contains("Worker consumed hang");
		assertThat(get(port, LIVENESS).statusCode()).isEqualTo(200);
	}

	@Test
	void workerWhoseConsumerStopsOnAnErrorExitsWithAFailureStatus() throws Exception {
		String topic = "probe-worker-error";
		WorkerProcess worker = startLive(topic);
		send(topic, WorkerApplication.ERROR);
		assertThat(worker.awaitExit()).isEqualTo(1);
		assertThat(worker.output()).contains("Stopping container due to an Error",
				"Liveness is DOWN: unrecoverable of listener 'worker'",
				"No listener container runs any more and liveness is DOWN",
				"the application exits with status 1 so that its process manager restarts it");
	}

	@Test
	void workerOfSeveralConsumersReportsTheOneThatFailedWhenItExits() throws Exception {
		String topic = "probe-worker-error-concurrent";
		WorkerProcess worker = startLive(topic, "--karafka.concurrency=3");
		send(topic, WorkerApplication.ERROR);
		assertThat(worker.awaitExit()).isEqualTo(1);
		String output = worker.output();
		String report = output.substring(output.indexOf("No listener container runs any more and liveness is DOWN"));
		assertThat(report.substring(0, report.indexOf('\n'))).contains("reason=ERROR", "reason=ABNORMAL");
		assertThat(output).doesNotContain("Consumer threads still running when the application stopped waiting");
	}

	@Test
	void supervisedWorkerRestartsAListenerStoppedOnAnErrorThenExitsWithAFailureStatusWhenItGivesItUp()
			throws Exception {
		String topic = "probe-worker-given-up";
		WorkerProcess worker = startLive(topic, "--karafka.supervision.enabled=true",
				"--karafka.supervision.interval=2s", "--karafka.supervision.controlling-ttl=10s",
				"--karafka.supervision.max-restarts=1");
		send(topic, WorkerApplication.ERROR);
		assertThat(worker.awaitExit()).isEqualTo(1);
		String output = worker.output();
		assertThat(output).contains("Restarting listener container 'worker' (stopped_abnormally (ERROR))",
				"Giving up listener container 'worker' (stopped_abnormally (ERROR) after 1 restarts)",
				"No listener container runs any more and liveness is DOWN");
		assertThat(output.indexOf("Stopping container due to an Error"))
			.as("the restarted consumer consumed the record again")
			.isNotEqualTo(output.lastIndexOf("Stopping container due to an Error"));
	}

	@Test
	void supervisedWorkerOfSeveralConsumersNamesTheFailureNotTheSiblingsStops() throws Exception {
		String topic = "probe-worker-given-up-concurrent";
		WorkerProcess worker = startLive(topic, "--karafka.concurrency=3", "--karafka.supervision.enabled=true",
				"--karafka.supervision.interval=2s", "--karafka.supervision.controlling-ttl=10s",
				"--karafka.supervision.max-restarts=1");
		send(topic, WorkerApplication.ERROR);
		assertThat(worker.awaitExit()).isEqualTo(1);
		String output = worker.output();
		String restart = output.substring(output.indexOf("Restarting listener container 'worker'"));
		assertThat(restart.substring(0, restart.indexOf('\n')))
			.contains("Restarting listener container 'worker' (stopped_abnormally (ERROR)) of threads [")
			.doesNotContain("ABNORMAL");
	}

	@Test
	void supervisedWorkerThatGivesUpAListenerLeakingItsThreadsExitsWithAFailureStatus() throws Exception {
		String topic = "probe-worker-leaking";
		WorkerProcess worker = startLive(topic, "--karafka.supervision.enabled=true",
				"--karafka.supervision.interval=500ms", "--karafka.supervision.controlling-ttl=10s",
				"--karafka.shutdown-timeout=1s");
		send(topic, WorkerApplication.STUCK);
		assertThat(worker.awaitExit()).isEqualTo(1);
		assertThat(worker.output()).contains("Worker ignores the interrupt",
				"Giving up listener container 'worker' " + "(leaked threads",
				"No listener container runs any more and liveness is DOWN");
	}

	@Test
	void listenerCallingSystemExitIsNamedAsTheCauseOfTheShutdownTimeout() throws Exception {
		String topic = "probe-worker-system-exit";
		WorkerProcess worker = startLive(topic, "--spring.lifecycle.timeout-per-shutdown-phase=2s");
		send(topic, WorkerApplication.EXIT);
		assertThat(worker.awaitExit()).isEqualTo(WorkerApplication.EXIT_STATUS);
		assertThat(worker.output())
			.contains("A listener called System.exit: [listener 'worker' on thread",
					"until spring.lifecycle.timeout-per-shutdown-phase (2000 ms) ran out")
			.doesNotContain("Consumer threads still running when the application stopped waiting");
	}

	@Test
	void workerAnswersOnManagementPortWhenSetAndStopsItAfterItsConsumers() throws Exception {
		try (ServerSocket serverPort = new ServerSocket(0)) {
			WorkerProcess worker = start("probe-worker-management", "--server.port=" + serverPort.getLocalPort(),
					"--management.server.port=0", "--management.endpoints.web.base-path=/manage");
			int port = worker.awaitProbeServerPort("management.server.port");
			assertThat(port).isNotEqualTo(serverPort.getLocalPort());
			await().atMost(WAIT).until(() -> get(port, "/manage/health/liveness").statusCode() == 200);
			await().atMost(WAIT).until(() -> get(port, "/manage/health/readiness").statusCode() == 200);
			assertThat(get(port, LIVENESS).statusCode()).isEqualTo(404);
			assertThat(get(port, "/manage/prometheus").statusCode()).as("prometheus is not exposed").isEqualTo(404);
			worker.close();
			String output = worker.output();
			assertThat(output).contains("Worker consumer stopped", "Probe server stopped");
			assertThat(output.indexOf("Probe server stopped")).isGreaterThan(output.indexOf("Worker consumer stopped"));
		}
	}

	@Test
	void workerStartedWithServerDisabledBindsNoPortAndSaysWhyItEnds() throws Exception {
		try (ServerSocket occupied = new ServerSocket(0)) {
			WorkerProcess worker = start("probe-worker-disabled", "--server.port=" + occupied.getLocalPort(),
					"--karafka.server.enabled=false");
			worker.awaitStarted();
			assertThat(worker.awaitExit()).isZero();
			assertThat(worker.output()).doesNotContain("Probe server started")
				.contains("Listener containers of [kafkaListenerContainerFactory] do not start: "
						+ "karafka.server.enabled=false (one-off tasks next to a running consumer). No consumer "
						+ "thread keeps the process alive");
		}
	}

	@Test
	void probeServerNeverKeepsAnApplicationWithoutRunningConsumersAlive() {
		WorkerProcess worker = start("probe-worker-finished", "--server.port=0",
				"--spring.kafka.listener.auto-startup=false");
		worker.awaitProbeServerPort("server.port");
		assertThat(worker.awaitExit()).isZero();
		assertThat(worker.output()).contains("Probe server stopped",
				"No listener container runs, none starts automatically: 'worker' (spring.kafka.listener.auto-startup=false).",
				"No consumer thread keeps the process alive: without a web server, it ends once the application's "
						+ "runners return, unless other non-daemon threads");
	}

	@Test
	void busyPortFailsStartUpNamingThePortAndTheProperty() throws Exception {
		try (ServerSocket occupied = new ServerSocket(0)) {
			int port = occupied.getLocalPort();
			WorkerProcess worker = start("probe-worker-busy", "--server.port=" + port);
			assertThat(worker.awaitExit()).isNotZero();
			assertThat(worker.output()).contains("APPLICATION FAILED TO START",
					"The probe server (health and Prometheus endpoints) failed to start. Port " + port
							+ " (server.port) was already in use.",
					"Identify and stop the process that's listening on port " + port
							+ ", or set 'server.port' to a free port.",
					"'karafka.server.enabled=false'");
		}
	}

	/**
	 * Start a worker on a random probe port and wait until its liveness answers 200.
	 */
	private WorkerProcess startLive(String topic, String... arguments) {
		List<String> all = new ArrayList<>(List.of("--server.port=0"));
		all.addAll(List.of(arguments));
		WorkerProcess worker = start(topic, all.toArray(String[]::new));
		int port = worker.awaitProbeServerPort("server.port");
		await().atMost(WAIT).until(() -> get(port, LIVENESS).statusCode() == 200);
		return worker;
	}

	private WorkerProcess start(String topic, String... arguments) {
		this.broker.createTopic(topic, 1);
		List<String> all = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + bootstrapServers(),
				"--worker.topic=" + topic, "--spring.kafka.consumer.group-id=" + topic,
				"--spring.kafka.consumer.auto-offset-reset=earliest", "--spring.kafka.listener.poll-timeout=500ms",
				"--karafka.liveness.consuming-ttl=2s"));
		all.addAll(List.of(arguments));
		WorkerProcess worker = WorkerProcess.start(this.directory, all.toArray(String[]::new));
		this.workers.add(worker);
		return worker;
	}

	private void send(String topic, String value) throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(java.util.Map.of(
				ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
			producer.send(new ProducerRecord<>(topic, value)).get(30, TimeUnit.SECONDS);
		}
	}

	private String bootstrapServers() {
		return this.broker.bootstrapServers(Listener.PLAINTEXT);
	}

}
