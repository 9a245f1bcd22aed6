package dev.karafka.spring.processing;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.RetryListener;

/**
 * Logs listener failures as Karafka's logger logs consumption errors, once per record
 * rather than once per retry: a WARN with the exception when a record first fails (it is
 * then retried after the pause back-off, forever without a dead-letter topic), and a WARN
 * when it is sent to its dead-letter topic. Retries are logged at DEBUG.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class FailedRecordLogger implements RetryListener {

	private static final Log logger = LogFactory.getLog(FailedRecordLogger.class);

	@Override
	public void failedDelivery(ConsumerRecord<?, ?> record, @Nullable Exception ex, int deliveryAttempt) {
		if (deliveryAttempt == 1) {
			logger.warn("Listener failed on record " + describe(record) + "; retrying it after the pause back-off", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Listener failed again on record " + describe(record) + " (attempt " + deliveryAttempt + ")");
		}
	}

	@Override
	public void recovered(ConsumerRecord<?, ?> record, @Nullable Exception ex) {
		logger.warn("Record " + describe(record) + " failed its retries and was sent to its dead-letter topic"
				+ ((ex != null) ? " (" + ex.getClass().getSimpleName() + ")" : ""));
	}

	private static String describe(ConsumerRecord<?, ?> record) {
		return record.topic() + "-" + record.partition() + "@" + record.offset();
	}

}
