package dev.karafka.spring.processing;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import dev.karafka.spring.deadletter.DeadLetterDispatchFailures;
import dev.karafka.spring.deadletter.DeadLetterErrorHandler;
import dev.karafka.spring.deadletter.DeadLetterHeaders;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Creates the error handlers of Karafka's processing settings: a failed record or batch
 * is retried after the pause back-off, fixed or doubling up to the max timeout; with a
 * dead-letter topic, it goes there once its retries are used up (see
 * {@link DeadLetterErrorHandler}), and consumption continues; without one, it is retried
 * forever. Failures are logged once per record by a {@link FailedRecordLogger}.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public final class ErrorHandlers {

	private final DeadLetterTemplate deadLetterTemplate;

	private final DeadLetterHeaders headers;

	private final DeadLetterDispatchFailures failures;

	/**
	 * Create a new instance.
	 * @param template supplies the application's template, whose producer factory sends
	 * to dead-letter topics (through a template of its own that leaves failures to be
	 * logged once, by {@link DeadLetterDispatchFailures})
	 * @param maxBlockTime the longest time a dispatch may block the consumer thread
	 * waiting for metadata ({@code max.block.ms} of the dead-letter producer, unless the
	 * producer factory's own is shorter or it is transactional)
	 * @param headers writes the diagnostic headers of dead-lettered records
	 * @param failures records the failed dispatches
	 */
	public ErrorHandlers(Supplier<KafkaOperations<?, ?>> template, Duration maxBlockTime, DeadLetterHeaders headers,
			DeadLetterDispatchFailures failures) {
		this.deadLetterTemplate = new DeadLetterTemplate(template, maxBlockTime);
		this.headers = headers;
		this.failures = failures;
	}

	/**
	 * Create an error handler for the given settings.
	 * @param settings the listener settings
	 * @return the error handler
	 */
	public DefaultErrorHandler create(ListenerSettings settings) {
		String deadLetterTopic = settings.deadLetterTopic();
		long attempts = (deadLetterTopic != null) ? settings.deadLetterMaxRetries() : FixedBackOff.UNLIMITED_ATTEMPTS;
		BackOff backOff = backOff(settings, attempts);
		DefaultErrorHandler handler = (deadLetterTopic != null)
				? new DeadLetterErrorHandler(this.deadLetterTemplate, deadLetterTopic, backOff, settings.pauseTimeout(),
						settings.pauseMaxTimeout(), this.headers, this.failures)
				: new DefaultErrorHandler(backOff);
		handler.setRetryListeners(new FailedRecordLogger(deadLetterTopic));
		return handler;
	}

	/**
	 * Close the producers of dead-letter dispatches that are this instance's own.
	 */
	public void destroy() {
		this.deadLetterTemplate.destroy();
	}

	static BackOff backOff(ListenerSettings settings, long attempts) {
		long timeout = settings.pauseTimeout().toMillis();
		if (!settings.pauseWithExponentialBackoff()) {
			return new FixedBackOff(timeout, attempts);
		}
		ExponentialBackOff backOff = new ExponentialBackOff(timeout, 2.0);
		backOff.setMaxInterval(settings.pauseMaxTimeout().toMillis());
		backOff.setMaxAttempts(attempts);
		return backOff;
	}

	/**
	 * A template on the application's producer factory without a producer listener, so
	 * that a failed dispatch is not also logged at ERROR with its payload on each retry,
	 * and, unless the factory is transactional, on a copy of the factory whose
	 * {@code max.block.ms} bounds how long a dispatch blocks the consumer thread.
	 */
	static final class DeadLetterTemplate implements Supplier<KafkaOperations<?, ?>> {

		private final Supplier<KafkaOperations<?, ?>> application;

		private final Duration maxBlockTime;

		private volatile @Nullable KafkaOperations<?, ?> template;

		DeadLetterTemplate(Supplier<KafkaOperations<?, ?>> application, Duration maxBlockTime) {
			this.application = application;
			this.maxBlockTime = maxBlockTime;
		}

		@Override
		public KafkaOperations<?, ?> get() {
			KafkaOperations<?, ?> template = this.template;
			if (template == null) {
				synchronized (this) {
					template = this.template;
					if (template == null) {
						template = create(this.application.get());
						this.template = template;
					}
				}
			}
			return template;
		}

		synchronized void destroy() {
			if (this.template instanceof KafkaTemplate<?, ?> template) {
				template.destroy();
			}
		}

		private KafkaOperations<?, ?> create(KafkaOperations<?, ?> application) {
			ProducerFactory<?, ?> producerFactory;
			try {
				producerFactory = application.getProducerFactory();
			}
			catch (UnsupportedOperationException ex) {
				return application;
			}
			KafkaTemplate<?, ?> template = new KafkaTemplate<>(producerFactory, maxBlockOverride(producerFactory));
			template.setProducerListener(null);
			return template;
		}

		/**
		 * Return the {@code max.block.ms} of the dead-letter producer, if the factory is
		 * to be copied with it: not when it is transactional (the consumer's
		 * transaction's producer must send), cannot be copied, or already blocks no
		 * longer.
		 */
		private Map<String, Object> maxBlockOverride(ProducerFactory<?, ?> producerFactory) {
			if (producerFactory.transactionCapable() || !(producerFactory instanceof DefaultKafkaProducerFactory)) {
				return Map.of();
			}
			Object configured = producerFactory.getConfigurationProperties().get(ProducerConfig.MAX_BLOCK_MS_CONFIG);
			long maxBlockMs = this.maxBlockTime.toMillis();
			if (configured != null && Long.parseLong(configured.toString()) <= maxBlockMs) {
				return Map.of();
			}
			return Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs);
		}

	}

}
