package dev.karafka.spring.reliability;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.reliability.SampleAppProcess.ProbeResponse;

/**
 * Calls the liveness probe of every running process twice a second, as a kubelet would,
 * and remembers each {@code 503} once the process answered {@code 200}, as Kubernetes
 * runs liveness probes only after the startup probe passed (Spring Boot reports liveness
 * {@code DOWN} until the application has started). A process is no longer watched once it
 * is sent a signal.
 */
final class LivenessWatch implements AutoCloseable {

	private final List<SampleAppProcess> processes = new CopyOnWriteArrayList<>();

	private final List<String> failures = new CopyOnWriteArrayList<>();

	private final Set<SampleAppProcess> started = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "liveness-watch");
		thread.setDaemon(true);
		return thread;
	});

	LivenessWatch() {
		this.scheduler.scheduleWithFixedDelay(this::probe, 500, 500, TimeUnit.MILLISECONDS);
	}

	void watch(SampleAppProcess process) {
		this.processes.add(process);
	}

	void unwatch(SampleAppProcess process) {
		this.processes.remove(process);
	}

	/**
	 * Return the liveness failures seen, as {@code <process> answered <status> at
	 * <time>: <body>}.
	 * @return the failures
	 */
	List<String> failures() {
		return List.copyOf(this.failures);
	}

	private void probe() {
		for (SampleAppProcess process : this.processes) {
			if (process.isAlive()) {
				ProbeResponse response = process.livenessResponse();
				if (response.status() == 200) {
					this.started.add(process);
				}
				else if (response.status() == 503 && this.started.contains(process)) {
					this.failures.add(process + " answered 503 at " + Instant.now() + ": " + response.body());
				}
			}
		}
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
