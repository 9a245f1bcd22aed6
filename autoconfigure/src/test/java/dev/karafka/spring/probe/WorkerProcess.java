package dev.karafka.spring.probe;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * {@link WorkerApplication} in a child JVM whose class path is the test class path
 * without the web jars (Spring MVC, Tomcat, the Servlet API), so Spring Boot deduces a
 * non-web application exactly as for a worker that depends on the starter alone.
 *
 * @author karafka-spring
 */
final class WorkerProcess implements AutoCloseable {

	private static final Pattern WEB_JAR = Pattern.compile(
			"(spring-web|spring-webmvc|spring-boot-webmvc|spring-boot-starter-webmvc|spring-boot-tomcat|spring-boot-starter-tomcat|"
					+ "spring-boot-starter-tomcat-runtime|spring-boot-servlet|spring-boot-web-server|tomcat-embed-[a-z]+|"
					+ "jakarta\\.servlet-api)-[0-9][^" + Pattern.quote(File.separator) + "]*\\.jar$");

	private static final Pattern STARTED_PROBE_SERVER = Pattern
		.compile("Probe server started on port (\\d+) \\(([a-z.]+)\\)");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private final Process process;

	private final Path output;

	private WorkerProcess(Process process, Path output) {
		this.process = process;
		this.output = output;
	}

	/**
	 * Start the worker with the given arguments.
	 * @param directory where the output of the process goes
	 * @param arguments the application's arguments
	 * @return the running process
	 */
	static WorkerProcess start(Path directory, String... arguments) {
		Path output = directory.resolve("worker-" + System.nanoTime() + ".log");
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp",
				String.join(File.pathSeparator, classPathWithoutWebJars()), WorkerApplication.class.getName()));
		command.addAll(Arrays.asList(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			return new WorkerProcess(process, output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<String> classPathWithoutWebJars() {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Arrays.stream(classPath.split(File.pathSeparator))
			.filter((entry) -> !WEB_JAR.matcher(entry).find())
			.toList();
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * Wait until the probe server listens and return its port.
	 * @param portProperty the property the port must come from
	 * @return the port
	 */
	int awaitProbeServerPort(String portProperty) {
		await().atMost(START_TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> STARTED_PROBE_SERVER.matcher(output()).find() || !this.process.isAlive());
		Matcher matcher = STARTED_PROBE_SERVER.matcher(output());
		if (!matcher.find()) {
			throw new AssertionError("The worker did not start its probe server:\n" + output());
		}
		if (!portProperty.equals(matcher.group(2))) {
			throw new AssertionError("Probe server port from " + matcher.group(2) + ", not " + portProperty);
		}
		return Integer.parseInt(matcher.group(1));
	}

	/**
	 * Wait until the application has started.
	 */
	void awaitStarted() {
		await().atMost(START_TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> output().contains("Started WorkerApplication") || !this.process.isAlive());
		if (!output().contains("Started WorkerApplication")) {
			throw new AssertionError("The worker did not start:\n" + output());
		}
	}

	/**
	 * Wait until the process has exited and return its exit code.
	 * @return the exit code
	 */
	int awaitExit() {
		await().atMost(START_TIMEOUT).until(() -> !this.process.isAlive());
		return this.process.exitValue();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	String output() {
		try {
			return Files.readString(this.output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static HttpResponse<String> get(int port, String path) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

}
