package dev.karafka.spring.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The sample app's jar running as a separate JVM, as Kubernetes or systemd runs it:
 * signalled by PID ({@code SIGTERM} with {@link #terminate()}, {@code SIGKILL} with
 * {@link #kill()}), probed over HTTP on its own management port, recording what it
 * processed to its own file.
 */
final class SampleAppProcess {

	/**
	 * Small JVMs: the machine running the suite has few cores, shared.
	 */
	private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
			"-XX:+UseSerialGC");

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final String name;

	private final Process process;

	private final int managementPort;

	private final Path recordingFile;

	private final Thread killAtExit;

	private SampleAppProcess(String name, Process process, int managementPort, Path recordingFile) {
		this.name = name;
		this.process = process;
		this.managementPort = managementPort;
		this.recordingFile = recordingFile;
		this.killAtExit = new Thread(process::destroyForcibly, "kill-" + name);
		Runtime.getRuntime().addShutdownHook(this.killAtExit);
	}

	/**
	 * Start {@code java -jar} on the sample app's jar.
	 * @param jar the sample app's repackaged jar
	 * @param name the name of this run, for example {@code app-2.run-1}, naming its files
	 * @param directory the directory for its log and recording files
	 * @param properties application properties, {@code key=value}
	 * @return the started process
	 */
	static SampleAppProcess start(Path jar, String name, Path directory, List<String> properties) {
		int serverPort = freePort();
		int managementPort = freePort();
		Path recordingFile = directory.resolve(name + ".recording");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JVM_OPTIONS);
		command.add("-jar");
		command.add(jar.toString());
		command.add("--server.port=" + serverPort);
		command.add("--management.server.port=" + managementPort);
		command.add("--sample.greeting-event.enabled=false");
		command.add("--sample.recording.file=" + recordingFile);
		properties.forEach((property) -> command.add("--" + property));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(directory.resolve(name + ".log").toFile());
		try {
			return new SampleAppProcess(name, builder.start(), managementPort, recordingFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to start " + command, ex);
		}
	}

	String name() {
		return this.name;
	}

	long pid() {
		return this.process.pid();
	}

	Path recordingFile() {
		return this.recordingFile;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Send {@code SIGTERM} and wait for the process to exit.
	 */
	void terminate() {
		sendSigterm();
		awaitExit();
	}

	/**
	 * Send {@code SIGTERM} without waiting for the process to exit.
	 */
	void sendSigterm() {
		this.process.destroy();
	}

	/**
	 * Send {@code SIGKILL} and wait for the process to exit.
	 */
	void kill() {
		this.process.destroyForcibly();
		awaitExit();
	}

	/**
	 * Wait until the readiness probe answers 200.
	 * @param timeout how long to wait
	 */
	void awaitReady(Duration timeout) {
		await().atMost(timeout)
			.pollInterval(Duration.ofMillis(500))
			.failFast(this.name + " exited", () -> !this.process.isAlive())
			.until(() -> readiness() == 200);
	}

	/**
	 * Return the HTTP status of {@code /actuator/health/liveness}.
	 * @return the status, or {@code -1} if the process does not answer
	 */
	int liveness() {
		return probe("liveness").status();
	}

	/**
	 * Return the status and body of {@code /actuator/health/liveness}.
	 * @return the status and body, or {@code -1} and no body if the process does not
	 * answer
	 */
	ProbeResponse livenessResponse() {
		return probe("liveness");
	}

	/**
	 * Return the HTTP status of {@code /actuator/health/readiness}.
	 * @return the status, or {@code -1} if the process does not answer
	 */
	int readiness() {
		return probe("readiness").status();
	}

	/**
	 * Kill the process if it still runs; for clean-up whatever the scenario did.
	 */
	void destroy() {
		if (this.process.isAlive()) {
			kill();
		}
		Runtime.getRuntime().removeShutdownHook(this.killAtExit);
	}

	private ProbeResponse probe(String probe) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.managementPort + "/actuator/health/" + probe))
			.timeout(Duration.ofSeconds(3))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return new ProbeResponse(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			return ProbeResponse.NONE;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ProbeResponse.NONE;
		}
	}

	/**
	 * Wait for the process to exit; kill it and fail if it does not within a minute.
	 */
	void awaitExit() {
		try {
			if (!this.process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor();
				throw new IllegalStateException(this.name + " (pid " + pid() + ") did not exit within " + STOP_TIMEOUT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + this.name + " to exit", ex);
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to find a free port", ex);
		}
	}

	/**
	 * What a probe answered.
	 *
	 * @param status the HTTP status, {@code -1} if the process did not answer
	 * @param body the body
	 */
	record ProbeResponse(int status, String body) {

		static final ProbeResponse NONE = new ProbeResponse(-1, "");

	}

	@Override
	public String toString() {
		return this.name + " (pid " + this.process.pid() + ")";
	}

}
