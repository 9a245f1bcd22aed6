package dev.karafka.spring.probe;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.event.ConsumerStoppedEvent;

/**
 * A consumer-only application, the shape of a Kafka worker: the starter's libraries and
 * no web server. {@link WorkerProcess} runs it in a child JVM whose class path has no web
 * jar. Its listener hangs for 20 seconds on the first record {@value #HANG}, throws an
 * {@link Error} (which stops its consumer) on every record {@value #ERROR}, ignores
 * interrupts for 10 minutes on every record {@value #STUCK}, calls {@code System.exit}
 * with {@value #EXIT_STATUS} on a record {@value #EXIT}, and logs the others it consumes;
 * it logs when its consumer has stopped.
 *
 * @author karafka-spring
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class WorkerApplication {

	static final String HANG = "hang";

	static final String ERROR = "error";

	static final String STUCK = "stuck";

	static final String EXIT = "exit";

	static final int EXIT_STATUS = 3;

	private static final Log logger = LogFactory.getLog(WorkerApplication.class);

	private final CountDownLatch never = new CountDownLatch(1);

	private final AtomicBoolean hung = new AtomicBoolean();

	@KafkaListener(id = "worker", topics = "${worker.topic}")
	void consume(String payload) throws InterruptedException {
		if (HANG.equals(payload) && this.hung.compareAndSet(false, true)) {
			this.never.await(20, TimeUnit.SECONDS);
		}
		else if (ERROR.equals(payload)) {
			throw new Error("Worker failed on " + payload);
		}
		else if (STUCK.equals(payload)) {
			ignoreInterruptsFor(Duration.ofMinutes(10));
		}
		else if (EXIT.equals(payload)) {
			System.exit(EXIT_STATUS);
		}
		else {
			logger.info("Worker consumed " + payload);
		}
	}

	private static void ignoreInterruptsFor(Duration duration) {
		long deadline = System.nanoTime() + duration.toNanos();
		for (long left = duration.toNanos(); left > 0; left = deadline - System.nanoTime()) {
			LockSupport.parkNanos(left);
			if (Thread.interrupted()) {
				logger.info("Worker ignores the interrupt");
			}
		}
	}

	@EventListener
	void log(ConsumerStoppedEvent event) {
		logger.info("Worker consumer stopped");
	}

	public static void main(String[] args) {
		SpringApplication.run(WorkerApplication.class, args);
	}

}
